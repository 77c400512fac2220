import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The project's shared/ folder of fixtures, which sits beside the repository
 * (CI clones the repository with shared/ next to it). CONTOSO_SHARED_DIR
 * points elsewhere.
 */
export function sharedDir(): string {
  const dir = process.env.CONTOSO_SHARED_DIR ?? fileURLToPath(new URL('../../../../../shared/', import.meta.url));
  const withSlash = dir.endsWith('/') ? dir : `${dir}/`;
  if (!existsSync(`${withSlash}fixtures`)) {
    throw new Error(`No fixtures at ${withSlash}fixtures: put the project's shared/ folder beside the repository, or set CONTOSO_SHARED_DIR.`);
  }
  return withSlash;
}
