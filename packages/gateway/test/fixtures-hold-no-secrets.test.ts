/**
 * The committed test fixtures (recorded live sessions above all) must hold no
 * credential: a key that leaked into a recording would be published with the
 * repository. Every text file under test/fixtures/ is scanned, so a recording
 * added later is checked too.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));
const TEXT = /\.(ya?ml|json|md|txt)$/;

/** Shapes of the credentials a Realtime session could carry. */
const CREDENTIALS: [string, RegExp][] = [
  ['OpenAI key', /\bsk-[A-Za-z0-9_-]{16,}/],
  ['ephemeral client secret', /\bek_[A-Za-z0-9]{16,}/],
  ['bearer token', /\bbearer\s+[A-Za-z0-9._~+/-]{16,}/i],
  ['JWT', /\beyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\./],
  ['Azure key', /\b[0-9a-f]{32}\b|\b[A-Za-z0-9]{84}\b/],
  ['key header or field', /\b(api[-_]?key|authorization|ocp-apim-subscription-key)\b/i],
];

function credentialsIn(text: string): string[] {
  return CREDENTIALS.filter(([, pattern]) => pattern.test(text)).map(([name]) => name);
}

const files = readdirSync(FIXTURES, { recursive: true, encoding: 'utf8' }).filter((f) => TEXT.test(f)).sort();

describe('the test fixtures', () => {
  it('are all scanned, recordings included', () => {
    expect(files.filter((f) => f.startsWith('realtime/') && f.endsWith('.yaml')).length).toBeGreaterThanOrEqual(12);
    expect(files).toContain('audio/manifest.json');
  });

  it('the scan knows a credential when it sees one', () => {
    expect(credentialsIn('headers: {Authorization: "Bearer sk-proj-0123456789abcdefXYZ"}')).toEqual(['OpenAI key', 'bearer token', 'key header or field']);
    expect(credentialsIn(`client_secret: {value: ek_68a1b2c3d4e5f60718293a4b}`)).toEqual(['ephemeral client secret']);
    expect(credentialsIn('api-key: 0123456789abcdef0123456789abcdef')).toEqual(['Azure key', 'key header or field']);
  });

  it.each(files)('%s holds no credential', (file) => {
    expect(credentialsIn(readFileSync(`${FIXTURES}${file}`, 'utf8'))).toEqual([]);
  });
});
