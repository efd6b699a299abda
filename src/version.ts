import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The version in the package's package.json; `root` is the package folder. */
export function packageVersion(root: string): string {
  return (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
}
