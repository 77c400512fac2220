/**
 * `gateway.session`, the first frame on every socket a session attaches:
 * who it is, the limits a client should keep to, and a fresh single-use
 * resume token.
 */
import type { AudioDownMode, GatewaySessionEvent, UpstreamKind } from '@contoso-voice/protocol';
import type { GatewayLimits } from '../config.js';
import type { SiteAnalytics } from '../sites/types.js';

export interface HelloFacts {
  sessionId: string;
  siteId: string;
  upstream: UpstreamKind;
  audioDown: AudioDownMode;
  limits: GatewayLimits;
  analytics?: SiteAnalytics;
}

export function sessionHello(
  f: HelloFacts,
  resumeToken: string,
  resumed: GatewaySessionEvent['resumed'],
  replay?: { replayed: number; complete: boolean },
): string {
  const event: GatewaySessionEvent = {
    type: 'gateway.session',
    session_id: f.sessionId,
    site: f.siteId,
    upstream: f.upstream,
    audio_down: f.audioDown,
    limits: {
      max_message_bytes: f.limits.maxMessageBytes,
      max_text_chars: f.limits.maxTextChars,
      max_context_bytes: f.limits.maxContextBytes,
    },
    resume_token: resumeToken,
    resume_grace_s: Math.round(f.limits.resumeGraceMs / 1000),
    resumed,
    ...(replay ? { replayed: replay.replayed, replay_complete: replay.complete } : {}),
    ...(f.analytics?.dataLayer ? { data_layer: f.analytics.consent === 'required' ? 'after_consent' : 'always' } : {}),
  };
  return JSON.stringify(event);
}
