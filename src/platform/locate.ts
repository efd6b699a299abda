import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

/**
 * Where configuration lives, without loading YAML or zod: start-up needs these before any command
 * runs (the interface language), and most commands never need more.
 */
export const PROJECT_FILE = '.leertuin.yaml';

export function userConfigDir(env: NodeJS.ProcessEnv): string {
  return join(env.XDG_CONFIG_HOME || join(env.HOME || homedir(), '.config'), 'leertuin');
}

export function userCacheDir(env: NodeJS.ProcessEnv): string {
  return join(env.XDG_CACHE_HOME || join(env.HOME || homedir(), '.cache'), 'leertuin');
}

export function userStateDir(env: NodeJS.ProcessEnv): string {
  return join(env.XDG_STATE_HOME || join(env.HOME || homedir(), '.local', 'state'), 'leertuin');
}

/** The nearest `.leertuin.yaml` from `cwd` upwards. */
export function findProjectFile(cwd: string): string | undefined {
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    const candidate = join(dir, PROJECT_FILE);
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

const LANGUAGE_LINE = /^language:[ \t]*(["']?)(nl|en)\1[ \t]*(?:#.*)?$/m;

/**
 * The `language:` of the project config, else the user config: a top-level line read without a
 * YAML parse, since the language is needed before any command starts. A file that does not validate
 * still fails, with its position, when the command reads its configuration.
 */
export function configuredLanguage(cwd: string, env: NodeJS.ProcessEnv): 'nl' | 'en' | undefined {
  for (const file of [findProjectFile(cwd), join(userConfigDir(env), 'config.yaml')]) {
    if (!file) continue;
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    const match = LANGUAGE_LINE.exec(text);
    if (match) return match[2] as 'nl' | 'en';
  }
  return undefined;
}
