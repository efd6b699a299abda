import { existsSync } from 'node:fs';
import { findProjectFile, userCacheDir, userConfigDir, userStateDir } from '../platform/locate.js';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { z } from 'zod';
import { readText } from '../platform/read-text.js';
import { cachedParse } from '../platform/parse-cache.js';
import { parseYaml, validate } from '../platform/yaml-source.js';
import { t } from '../i18n/index.js';
import { lazySchema } from '../platform/zod.js';

// Who made a record is part of the record (src/record/author.ts); config only supplies defaults.
export { DOMAINS, authorSchema, type Author, type Domain } from '../record/author.js';
import { authorSchema, type Author } from '../record/author.js';

const fileSchemas = lazySchema((z) => {
  const language = z.enum(['nl', 'en']);
  return {
    /** `.leertuin.yaml`: relative paths are relative to the file. */
    project: z.strictObject({
      organisation: z.string().min(1).optional(),
      language: language.optional(),
      records: z.string().min(1).optional(),
      dilemmas: z.array(z.string().min(1)).optional(),
      allowed_signers: z.string().min(1).optional(),
      /** The most questions a path of a tree may ask; `lint --paths` fails above it. */
      max_path_questions: z.number().int().min(1).max(1000).optional(),
    }),
    /** `$XDG_CONFIG_HOME/leertuin/config.yaml`: who I am and how I sign. */
    user: z.strictObject({
      language: language.optional(),
      author: authorSchema().partial().optional(),
      principal: z.string().min(1).optional(),
      key: z.string().min(1).optional(),
      agent: z.boolean().optional(),
      records: z.string().min(1).optional(),
    }),
  };
});
type FileSchemas = ReturnType<typeof fileSchemas>;
export type ProjectConfigFile = z.output<FileSchemas['project']>;
export type UserConfigFile = z.output<FileSchemas['user']>;

export type Source = 'flag' | 'env' | 'project' | 'user' | 'default';

export interface Setting<T> {
  value: T;
  source: Source;
}

/** The effective configuration, each value with where it came from (`leertuin config` shows both). */
export interface Config {
  language: Setting<'nl' | 'en' | undefined>;
  records: Setting<string>;
  dilemmas: Setting<string[]>;
  allowedSigners: Setting<string | undefined>;
  key: Setting<string | undefined>;
  agent: Setting<boolean>;
  principal: Setting<string | undefined>;
  organisation: Setting<string | undefined>;
  maxPathQuestions: Setting<number>;
  author: Partial<Author>;
  projectFile: string | undefined;
  userDir: string;
  userFile: string;
  stateDir: string;
  /** Where parsed configuration and project dilemmas are cached (platform/parse-cache.ts). */
  cacheDir: string;
}

export interface ConfigFlags {
  lang?: string;
  out?: string;
  key?: string;
  allowedSigners?: string;
}


/**
 * The flag and environment variable that can set each setting, as loadConfig reads them below;
 * `leertuin config` names them when it says where a value came from.
 */
export const SETTING_ORIGINS = {
  language: { flag: '--lang', env: 'LEERTUIN_LANG' },
  records: { flag: '--out', env: 'LEERTUIN_RECORDS' },
  dilemmas: { env: 'LEERTUIN_DILEMMAS' },
  allowedSigners: { flag: '--allowed-signers', env: 'LEERTUIN_ALLOWED_SIGNERS' },
  key: { flag: '--key', env: 'LEERTUIN_KEY' },
  agent: { env: 'LEERTUIN_AGENT' },
  principal: { env: 'LEERTUIN_PRINCIPAL' },
  organisation: {},
  maxPathQuestions: { flag: '--max-questions' },
} as const satisfies { [K in keyof Config as Config[K] extends Setting<unknown> ? K : never]: { flag?: string; env?: string } };

/** A configuration file, validated; an unchanged file comes from the parse cache, without YAML or zod. */
function readConfigFile<S extends z.ZodType>(path: string, schema: () => S, env: NodeJS.ProcessEnv): z.output<S> {
  const text = readText(path);
  return cachedParse<z.output<S>>(join(userCacheDir(env), 'config'), path, text, () => {
    const source = parseYaml(text, path);
    // An empty file is an empty configuration.
    if (source.data === null || source.data === undefined) return schema().parse({});
    return validate(source, schema(), 'invalid-config', t('config.hint'));
  });
}

/** A path a professional can learn from: at most this many questions, unless a project sets another limit. */
export const DEFAULT_MAX_PATH_QUESTIONS = 15;

const BUNDLED_DILEMMAS = fileURLToPath(new URL('../../dilemmas', import.meta.url));

/** Without a project, a `dilemmas/` folder in the working folder is used (not the bundled one itself). */
function localDilemmas(cwd: string): string[] {
  const dir = resolve(cwd, 'dilemmas');
  return existsSync(dir) && dir !== BUNDLED_DILEMMAS ? [dir] : [];
}

/** Flags > LEERTUIN_* environment > project config > user config > defaults. */
export function loadConfig(flags: ConfigFlags, env: NodeJS.ProcessEnv, cwd: string): Config {
  const projectFile = findProjectFile(cwd);
  const project = projectFile ? readConfigFile(projectFile, () => fileSchemas().project, env) : {};
  const projectDir = projectFile ? dirname(projectFile) : cwd;
  const userDir = userConfigDir(env);
  const userFile = join(userDir, 'config.yaml');
  const user: UserConfigFile = existsSync(userFile) ? readConfigFile(userFile, () => fileSchemas().user, env) : {};

  const pick = <T>(candidates: [Source, T | undefined][], fallback: T): Setting<T> => {
    for (const [source, value] of candidates) if (value !== undefined && value !== '') return { value, source };
    return { value: fallback, source: 'default' };
  };
  const fromProject = (p: string | undefined) => (p === undefined ? undefined : resolve(projectDir, p));
  const fromUser = (p: string | undefined) => (p === undefined ? undefined : resolve(userDir, p));
  const fromCwd = (p: string | undefined) => (p === undefined || p === '' ? undefined : resolve(cwd, p));
  const envLang = env.LEERTUIN_LANG === 'nl' || env.LEERTUIN_LANG === 'en' ? env.LEERTUIN_LANG : undefined;
  const flagLang = flags.lang === 'nl' || flags.lang === 'en' ? flags.lang : undefined;

  return {
    language: pick<'nl' | 'en' | undefined>([['flag', flagLang], ['env', envLang], ['project', project.language], ['user', user.language]], undefined),
    records: pick(
      [['flag', fromCwd(flags.out)], ['env', fromCwd(env.LEERTUIN_RECORDS)], ['project', fromProject(project.records)], ['user', fromUser(user.records)]],
      resolve(cwd, 'records'),
    ),
    dilemmas: pick(
      [
        ['env', env.LEERTUIN_DILEMMAS?.split(':').filter(Boolean).map((p) => resolve(cwd, p))],
        ['project', project.dilemmas?.map((p) => resolve(projectDir, p)) ?? (projectFile ? [resolve(projectDir, 'dilemmas')] : undefined)],
      ],
      localDilemmas(cwd),
    ),
    allowedSigners: pick<string | undefined>(
      [['flag', fromCwd(flags.allowedSigners)], ['env', fromCwd(env.LEERTUIN_ALLOWED_SIGNERS)], ['project', fromProject(project.allowed_signers)]],
      undefined,
    ),
    key: pick<string | undefined>([['flag', fromCwd(flags.key)], ['env', fromCwd(env.LEERTUIN_KEY)], ['user', fromUser(user.key)]], undefined),
    agent: pick([['env', env.LEERTUIN_AGENT === undefined ? undefined : env.LEERTUIN_AGENT === '1'], ['user', user.agent]], false),
    principal: pick<string | undefined>([['env', env.LEERTUIN_PRINCIPAL], ['user', user.principal]], undefined),
    organisation: pick<string | undefined>([['project', project.organisation]], undefined),
    maxPathQuestions: pick([['project', project.max_path_questions]], DEFAULT_MAX_PATH_QUESTIONS),
    author: { ...user.author },
    projectFile,
    userDir,
    userFile,
    stateDir: userStateDir(env),
    cacheDir: userCacheDir(env),
  };
}

export { PROJECT_FILE, findProjectFile, userConfigDir, userStateDir } from '../platform/locate.js';
