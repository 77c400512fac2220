/** Writes docs/site.schema.json from the site file's zod schema: `npm run schema`. A test fails when the file is stale. */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { siteJsonSchema } from '../packages/gateway/src/sites/site-file.js';

export const SITE_SCHEMA_FILE = fileURLToPath(new URL('../docs/site.schema.json', import.meta.url));
export const siteSchemaText = () => `${JSON.stringify(siteJsonSchema(), null, 2)}\n`;

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(SITE_SCHEMA_FILE, siteSchemaText());
  console.log(`wrote ${SITE_SCHEMA_FILE}`);
}
