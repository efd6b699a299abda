import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { writeFileAtomic } from '../platform/atomic.js';
import { yaml } from '../platform/yaml-source.js';
import type { Config, UserConfigFile } from './config.js';

/** Updates the user config file, keeping its other settings and comments. */
export function saveUserSettings(config: Pick<Config, 'userDir' | 'userFile'>, patch: Partial<UserConfigFile>): void {
  mkdirSync(config.userDir, { recursive: true, mode: 0o700 });
  const existing = yaml().parseDocument(existsSync(config.userFile) ? readFileSync(config.userFile, 'utf8') : '');
  // An empty or scalar file holds no settings worth keeping.
  const doc = existing.contents && typeof existing.toJS() === 'object' ? existing : yaml().parseDocument('{}');
  for (const [key, value] of Object.entries(patch)) {
    if (value !== undefined) doc.set(key, doc.createNode(value));
  }
  writeFileAtomic(config.userFile, doc.toString({ lineWidth: 0 }), { mode: 0o600 });
}
