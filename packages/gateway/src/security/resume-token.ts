/**
 * Resume tokens: signed with the gateway's token secret, naming the session,
 * its site and page origin, and the generation of the session's attachment.
 * Each (re)attach issues the next generation, so a token works once. It
 * reattaches while the session is in its grace window, and re-seeds a new
 * upstream session while the gateway still holds the conversation record.
 */
import { readSigned, signClaims } from './signed-claims.js';

export interface ResumeClaims {
  sid: string;
  site: string;
  origin: string | null;
  gen: number;
  /** UNIX seconds: the end of the re-seed window. */
  exp: number;
}

export function mintResumeToken(secret: string, claims: ResumeClaims): Promise<string> {
  return signClaims('r1', claims, secret);
}

export type ResumeCheck = { ok: true; claims: ResumeClaims } | { ok: false; code: 'resume_invalid' | 'resume_expired' | 'resume_mismatch' };

export async function checkResumeToken(token: string, secret: string, expect: { site: string; origin: string | null }, now = Date.now()): Promise<ResumeCheck> {
  const read = readSigned<ResumeClaims>('r1', token);
  const c = read?.claims;
  if (!read || !c || typeof c.sid !== 'string' || typeof c.site !== 'string' || typeof c.gen !== 'number' || typeof c.exp !== 'number' || (c.origin !== null && typeof c.origin !== 'string')) {
    return { ok: false, code: 'resume_invalid' };
  }
  if (!(await read.verify(secret))) return { ok: false, code: 'resume_invalid' };
  if (c.exp * 1000 <= now) return { ok: false, code: 'resume_expired' };
  if (c.site !== expect.site || c.origin !== expect.origin) return { ok: false, code: 'resume_mismatch' };
  return { ok: true, claims: c };
}
