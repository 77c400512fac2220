/**
 * Security settings and limit overrides from environment variables, shared
 * by the Node gateway and the Worker:
 *   TOKEN_SECRET         signs tokens for allowlisted browsers (same value on every instance)
 *   SITE_SECRET_<SITE>   a site's backend secret, e.g. SITE_SECRET_DEMO
 *   LIMITS               JSON object over the default limits, e.g. {"maxSessionMs": 600000}
 */
import { defaultLimits, type GatewayLimits, type GatewaySecurity } from '../config.js';
import type { EnvVars } from '../upstream/settings.js';

export const siteSecretVar = (siteId: string) => `SITE_SECRET_${siteId.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;

/** TOKEN_SECRET, or `fallback()` when it is unset (a random secret is fine for one process, not for many). */
export function securityFromEnv(env: EnvVars, siteIds: string[], fallback: () => string): GatewaySecurity {
  const siteSecrets: Record<string, string> = {};
  for (const id of siteIds) {
    const secret = env[siteSecretVar(id)];
    if (secret) {
      if (secret.length < 16) throw new Error(`${siteSecretVar(id)} must be at least 16 characters`);
      siteSecrets[id] = secret;
    }
  }
  const tokenSecret = env.TOKEN_SECRET || fallback();
  if (tokenSecret.length < 16) throw new Error('TOKEN_SECRET must be at least 16 characters');
  return { tokenSecret, siteSecrets };
}

export function limitsFromEnv(env: EnvVars): Partial<GatewayLimits> {
  const limits: Partial<GatewayLimits> = {};
  if (env.MAX_MESSAGE_BYTES) limits.maxMessageBytes = wholeNumber('MAX_MESSAGE_BYTES', env.MAX_MESSAGE_BYTES);
  if (!env.LIMITS) return limits;
  let parsed: unknown;
  try {
    parsed = JSON.parse(env.LIMITS);
  } catch {
    throw new Error('LIMITS must be a JSON object, e.g. {"maxSessionMs": 600000}');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('LIMITS must be a JSON object');
  for (const [name, value] of Object.entries(parsed)) {
    if (!(name in defaultLimits)) throw new Error(`LIMITS has an unknown limit "${name}"; known: ${Object.keys(defaultLimits).join(', ')}`);
    limits[name as keyof GatewayLimits] = wholeNumber(`LIMITS.${name}`, value);
  }
  return limits;
}

function wholeNumber(name: string, raw: unknown): number {
  const n = typeof raw === 'string' ? Number(raw) : raw;
  if (typeof n !== 'number' || !Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a whole number above 0, not ${JSON.stringify(raw)}`);
  return n;
}

/** A random secret for a single process, where nothing else needs to check its tokens. */
export function randomSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
