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
  idle_timeout_ms?: number | null;
}

/** What a client may change. */
export interface ClientTunables {
  output_modalities: ['audio'] | ['text'];
  /** null: push-to-talk, the client commits each turn itself. */
  turn_detection: TurnDetection | null;
  voice: string;
  noise_reduction: { type: 'near_field' | 'far_field' } | null;
  speed: number;
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
    noise_reduction: { type: 'near_field' },
    speed: 1,
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
          noise_reduction: t.noise_reduction,
          transcription: { model: 'gpt-4o-mini-transcribe' },
          turn_detection: t.turn_detection,
        },
        output: { format: PCM_FORMAT, voice: t.voice, speed: t.speed },
      },
      tools: toolDeclarations(tools),
      tool_choice: 'auto',
    },
  } as RealtimeClientEvent;
}

type CheckState = { audioStarted: boolean; pushToTalk: boolean };
type Check = (value: unknown, state: CheckState) => string | null;

const inRange = (min: number, max: number): Check => (v) =>
  typeof v === 'number' && v >= min && v <= max ? null : `must be a number from ${min} to ${max}`;
const orNull = (check: Check): Check => (v, s) => (v === null ? null : check(v, s));
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

/** Every path a client may set, with its bounds. */
const ALLOWED: Record<string, Check> = {
  'session.type': oneOf(['realtime']),
  'session.output_modalities': (v) =>
    Array.isArray(v) && v.length === 1 && (v[0] === 'audio' || v[0] === 'text') ? null : 'must be ["audio"] or ["text"]',
  'session.audio.input.format': isPcmFormat,
  'session.audio.output.format': isPcmFormat,
  // null is push-to-talk: no turn detection, the client commits each turn.
  'session.audio.input.turn_detection': (v, s) =>
    v !== null ? 'must be an object, or null for push-to-talk' : s.pushToTalk ? null : 'cannot be null: this shop has push-to-talk turned off',
  'session.audio.input.turn_detection.type': oneOf(['server_vad', 'semantic_vad']),
  'session.audio.input.turn_detection.threshold': inRange(0.1, 0.95),
  'session.audio.input.turn_detection.prefix_padding_ms': inRange(0, 1000),
  'session.audio.input.turn_detection.silence_duration_ms': inRange(200, 2000),
  'session.audio.input.turn_detection.eagerness': oneOf(['low', 'medium', 'high', 'auto']),
  'session.audio.input.turn_detection.create_response': isBool,
  'session.audio.input.turn_detection.interrupt_response': isBool,
  'session.audio.input.turn_detection.idle_timeout_ms': orNull(inRange(5000, 30_000)),
  'session.audio.input.noise_reduction': (v) => (v === null ? null : 'must be an object with a type, or null'),
  'session.audio.input.noise_reduction.type': oneOf(['near_field', 'far_field']),
  'session.audio.output.speed': inRange(0.25, 1.5),
  'session.audio.output.voice': (v, s) =>
    s.audioStarted ? 'can only change before the assistant has spoken' : oneOf(VOICES)(v, s),
};

/** Paths that lead to allowed fields: the only objects worth walking into. */
const BRANCHES = new Set(Object.keys(ALLOWED).flatMap((path) => path.split('.').slice(0, -1).map((_, i, parts) => parts.slice(0, i + 1).join('.'))));

/**
 * Leaf paths of a plain object. It walks only into objects on the way to an
 * allowed field; any other value, an empty object included, is a leaf, so
 * `instructions: {}` is named rather than walked through, and no nesting
 * costs more than the allowed paths are deep.
 */
function leaves(value: unknown, path: string, out: [string, unknown][]): void {
  if (value !== null && typeof value === 'object' && !Array.isArray(value) && BRANCHES.has(path)) {
    for (const [k, v] of Object.entries(value)) leaves(v, `${path}.${k}`, out);
  } else {
    out.push([path, value]);
  }
}

export interface TuneResult {
  tunables: ClientTunables;
  /** Fields the gateway owns or does not know: left as they are. */
  ignored: string[];
  /** Allowed fields with a value out of bounds: not applied. */
  refused: { param: string; problem: string }[];
}

const isObj = (v: unknown): v is Record<string, any> => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * Applies what a client `session.update` may change, and names the rest: a
 * standard SDK's first update mixes its own instructions with the voice and
 * turn detection it wants, and the second half should not be lost.
 */
export function applyClientSessionUpdate(session: unknown, current: ClientTunables, state: CheckState): TuneResult | { invalid: string } {
  if (!isObj(session)) return { invalid: 'session must be an object' };
  const paths: [string, unknown][] = [];
  leaves(session, 'session', paths);
  const ignored: string[] = [];
  const refused: TuneResult['refused'] = [];
  const ok = new Set<string>();
  for (const [path, value] of paths) {
    const check = ALLOWED[path];
    if (!check) ignored.push(path);
    else {
      const problem = check(value, state);
      if (problem) refused.push({ param: path, problem });
      else ok.add(path);
    }
  }
  const take = (path: string) => ok.has(path);
  const audio = isObj(session.audio) ? session.audio : {};
  const input = isObj(audio.input) ? audio.input : {};
  const output = isObj(audio.output) ? audio.output : {};
  const t = { ...current };
  if (take('session.output_modalities')) t.output_modalities = session.output_modalities;
  if (take('session.audio.output.voice')) t.voice = output.voice;
  if (take('session.audio.output.speed')) t.speed = output.speed;
  if (take('session.audio.input.noise_reduction')) t.noise_reduction = null;
  if (take('session.audio.input.noise_reduction.type')) t.noise_reduction = { type: input.noise_reduction.type };
  if (take('session.audio.input.turn_detection')) t.turn_detection = null;
  else if (isObj(input.turn_detection)) {
    const asked = Object.fromEntries(Object.entries(input.turn_detection).filter(([k]) => take(`session.audio.input.turn_detection.${k}`)));
    // A change of type starts from that type's defaults, not from the other's settings; from push-to-talk, from the defaults.
    const base = current.turn_detection && (!asked.type || asked.type === current.turn_detection.type) ? current.turn_detection : { type: 'server_vad' as const, create_response: true, interrupt_response: true };
    if (Object.keys(asked).length || current.turn_detection === null) t.turn_detection = { ...base, ...asked } as TurnDetection;
  }
  return { tunables: t, ignored, refused };
}

/** The one error a client gets about what of its update was not applied, or null when all was. */
export function updateProblem(r: TuneResult): { param: string; message: string } | null {
  if (!r.ignored.length && !r.refused.length) return null;
  const list = (paths: string[]) => (paths.length > 20 ? `${paths.slice(0, 20).join(', ')} and ${paths.length - 20} more` : paths.join(', '));
  const parts = [];
  if (r.ignored.length) parts.push(`ignored ${list(r.ignored)}: set by the gateway or not a session field`);
  if (r.refused.length) parts.push(`not applied: ${r.refused.slice(0, 20).map((x) => `${x.param} ${x.problem}`).join('; ')}`);
  return { param: r.ignored[0] ?? r.refused[0]!.param, message: `${parts.join('. ')}. The rest of the update was applied.` };
}
