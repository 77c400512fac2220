/**
 * The session the gateway forces upstream, and the few knobs a client may turn.
 * The whole configuration is re-sent on every change, so a client can tune
 * within bounds but never remove the instructions or tools.
 */
import type { RealtimeClientEvent } from '@contoso-voice/protocol';
import { SAMPLE_RATE } from '@contoso-voice/protocol';
import type { SiteConfig } from '../sites/types.js';
import { assistantInstructions } from '../sites/assistant-instructions.js';
import { toolDeclarations, type AnyTool } from '../tools/index.js';

export const VOICES = ['alloy', 'ash', 'ballad', 'cedar', 'coral', 'echo', 'marin', 'sage', 'shimmer', 'verse'] as const;

export interface TurnDetection {
  type: 'server_vad' | 'semantic_vad';
  threshold?: number;
  prefix_padding_ms?: number;
  silence_duration_ms?: number;
  eagerness?: 'low' | 'medium' | 'high' | 'auto';
  create_response?: boolean;
  interrupt_response?: boolean;
}

/** What a client may change. */
export interface ClientTunables {
  output_modalities: ['audio'] | ['text'];
  turn_detection: TurnDetection;
  voice: string;
}

export function defaultTunables(site: SiteConfig): ClientTunables {
  return {
    output_modalities: ['audio'],
    turn_detection: {
      type: 'server_vad',
      threshold: 0.5,
      prefix_padding_ms: 300,
      silence_duration_ms: 500,
      create_response: true,
      interrupt_response: true,
    },
    voice: site.voice,
  };
}

const PCM_FORMAT = { type: 'audio/pcm', rate: SAMPLE_RATE } as const;

/** What one response may cost, from the site's limits; left to the service only where a caller gives none. */
export interface ResponseBounds {
  /** The longest answer. */
  maxOutputTokens: number;
  /** The conversation after the instructions that each response reads (and is billed for) again. */
  maxContextTokens: number;
}

function boundsFields(b: ResponseBounds | undefined) {
  if (!b) return {};
  return {
    max_output_tokens: b.maxOutputTokens,
    // Older turns are dropped past the bound, a fifth at a time so that the cached prefix holds between truncations.
    truncation: { type: 'retention_ratio', retention_ratio: 0.8, token_limits: { post_instructions: b.maxContextTokens } },
  };
}

export function forcedSessionUpdate(site: SiteConfig, tools: AnyTool[], t: ClientTunables, bounds?: ResponseBounds): RealtimeClientEvent {
  return {
    type: 'session.update',
    session: {
      type: 'realtime',
      instructions: assistantInstructions(site),
      ...boundsFields(bounds),
      output_modalities: t.output_modalities,
      audio: {
        input: {
          format: PCM_FORMAT,
          noise_reduction: { type: 'near_field' },
          transcription: { model: 'gpt-4o-mini-transcribe' },
          turn_detection: t.turn_detection,
        },
        output: { format: PCM_FORMAT, voice: t.voice },
      },
      tools: toolDeclarations(tools),
      tool_choice: 'auto',
    },
  } as RealtimeClientEvent;
}

type Check = (value: unknown, state: { audioStarted: boolean }) => string | null;

const inRange = (min: number, max: number): Check => (v) =>
  typeof v === 'number' && v >= min && v <= max ? null : `must be a number from ${min} to ${max}`;
const isBool: Check = (v) => (typeof v === 'boolean' ? null : 'must be true or false');
const oneOf = (values: readonly string[]): Check => (v) =>
  typeof v === 'string' && values.includes(v) ? null : `must be one of ${values.join(', ')}`;
const isPcmFormat: Check = (v) => {
  const f = v as { type?: unknown; rate?: unknown } | null;
  return f && typeof f === 'object' && f.type === 'audio/pcm' && (f.rate === undefined || f.rate === SAMPLE_RATE) &&
    Object.keys(f).every((k) => k === 'type' || k === 'rate')
    ? null
    : `must be {"type":"audio/pcm","rate":${SAMPLE_RATE}}: the gateway speaks PCM16 at 24 kHz only`;
};

/** Every path a client may set, with its bounds. Anything else is refused by name. */
const ALLOWED: Record<string, Check> = {
  'session.type': oneOf(['realtime']),
  'session.output_modalities': (v) =>
    Array.isArray(v) && v.length === 1 && (v[0] === 'audio' || v[0] === 'text') ? null : 'must be ["audio"] or ["text"]',
  'session.audio.input.format': isPcmFormat,
  'session.audio.output.format': isPcmFormat,
  'session.audio.input.turn_detection.type': oneOf(['server_vad', 'semantic_vad']),
  'session.audio.input.turn_detection.threshold': inRange(0.1, 0.95),
  'session.audio.input.turn_detection.prefix_padding_ms': inRange(0, 1000),
  'session.audio.input.turn_detection.silence_duration_ms': inRange(200, 2000),
  'session.audio.input.turn_detection.eagerness': oneOf(['low', 'medium', 'high', 'auto']),
  'session.audio.input.turn_detection.create_response': isBool,
  'session.audio.input.turn_detection.interrupt_response': isBool,
  'session.audio.output.voice': (v, s) =>
    s.audioStarted ? 'can only change before the assistant has spoken' : oneOf(VOICES)(v, s),
};

/** Paths that lead to allowed fields: the only objects worth walking into. */
const BRANCHES = new Set(Object.keys(ALLOWED).flatMap((path) => path.split('.').slice(0, -1).map((_, i, parts) => parts.slice(0, i + 1).join('.'))));

/**
 * Leaf paths of a plain object. It walks only into objects on the way to an
 * allowed field; any other value, an empty object included, is a leaf, so
 * `instructions: {}` is named and refused rather than walked through.
 */
function leaves(value: unknown, path: string, out: [string, unknown][]): void {
  if (value !== null && typeof value === 'object' && !Array.isArray(value) && BRANCHES.has(path)) {
    for (const [k, v] of Object.entries(value)) leaves(v, `${path}.${k}`, out);
  } else {
    out.push([path, value]);
  }
}

export type TuneResult = { ok: true; tunables: ClientTunables } | { ok: false; param: string; message: string };

/** Applies a client `session.update` to the tunables, or names the first field it may not set. */
export function applyClientSessionUpdate(
  session: unknown,
  current: ClientTunables,
  state: { audioStarted: boolean },
): TuneResult {
  if (session === null || typeof session !== 'object' || Array.isArray(session)) {
    return { ok: false, param: 'session', message: 'session must be an object' };
  }
  const paths: [string, unknown][] = [];
  leaves(session, 'session', paths);
  for (const [path, value] of paths) {
    const check = ALLOWED[path];
    if (!check) return { ok: false, param: path, message: `${path} is set by the gateway and cannot be changed` };
    const problem = check(value, state);
    if (problem) return { ok: false, param: path, message: `${path} ${problem}` };
  }
  const s = session as { output_modalities?: ClientTunables['output_modalities']; audio?: { input?: { turn_detection?: TurnDetection }; output?: { voice?: string } } };
  const td = s.audio?.input?.turn_detection;
  return {
    ok: true,
    tunables: {
      output_modalities: s.output_modalities ?? current.output_modalities,
      turn_detection: td ? { ...(td.type && td.type !== current.turn_detection.type ? {} : current.turn_detection), ...td } as TurnDetection : current.turn_detection,
      voice: s.audio?.output?.voice ?? current.voice,
    },
  };
}
