/**
 * What a socket that presents a resume token gets: the same model session
 * (reattach, within the grace window), a new one re-seeded from the record
 * (after the window, a gateway restart, or on another instance), or, when
 * the token does not hold, a new conversation and a stable code saying why.
 * A refused resume still opens a socket, because a browser cannot read an
 * upgrade's status and would otherwise retry the same token for ever.
 */
import type { ErrorCode } from '@contoso-voice/protocol';
import { checkResumeToken } from '../security/resume-token.js';
import type { ReplayPosition } from './replay-buffer.js';
import type { Session } from './session.js';
import type { SessionRecord, SessionStateStore } from './state-store.js';

export type ResumePlan =
  | { kind: 'new'; refused?: { code: ErrorCode; message: string } }
  | { kind: 'reattach'; session: Session; position: ReplayPosition }
  | { kind: 'reseed'; record: SessionRecord };

export interface ResumeRequest {
  token: string | undefined;
  lastSeq: string | undefined;
  audioAfter: string | undefined;
  site: string;
  origin: string | null;
}

const MESSAGES: Record<string, string> = {
  resume_invalid: 'The resume token is not valid; this is a new conversation.',
  resume_expired: 'The conversation could not be resumed in time; this is a new one.',
  resume_replayed: 'That resume token was already used; this is a new conversation.',
  resume_mismatch: 'The resume token belongs to another shop or page; this is a new conversation.',
  resume_limit: 'This conversation was carried on as many times as it may be; this is a new one.',
};

/** A new conversation, with the code and message that say why the resume did not hold. */
export const resumeRefusal = (code: ErrorCode): ResumePlan => ({ kind: 'new', refused: { code, message: MESSAGES[code] ?? 'This is a new conversation.' } });

function count(raw: string | undefined): number {
  const n = Number(raw);
  return Number.isSafeInteger(n) && n >= 0 ? n : 0;
}

export async function planResume(
  r: ResumeRequest,
  deps: { secret: string; live: Map<string, Session>; store: SessionStateStore; maxReseeds: number },
): Promise<ResumePlan> {
  if (!r.token) return { kind: 'new' };
  const check = await checkResumeToken(r.token, deps.secret, { site: r.site, origin: r.origin });
  if (!check.ok) return resumeRefusal(check.code);
  const { sid, gen } = check.claims;
  const live = deps.live.get(sid);
  if (live) {
    if (live.resumeGen() !== gen) return resumeRefusal('resume_replayed');
    return { kind: 'reattach', session: live, position: { lastSeq: count(r.lastSeq), audioAfter: count(r.audioAfter) } };
  }
  const record = await deps.store.load(sid);
  if (!record) return resumeRefusal('resume_expired');
  if (record.resumeGen !== gen) return resumeRefusal('resume_replayed');
  if (record.siteId !== r.site || record.origin !== r.origin) return resumeRefusal('resume_mismatch');
  if ((record.reseeds ?? 0) >= deps.maxReseeds) return resumeRefusal('resume_limit');
  return { kind: 'reseed', record };
}
