import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, extname, join, resolve } from 'node:path';
import type { Catalog } from '../dilemma/catalog.js';
import { loadDilemma, loadKader } from '../dilemma/load.js';
import { treePin, type LoadedKader } from '../dilemma/model.js';
import { LeertuinError } from '../errors.js';
import { t } from '../i18n/index.js';
import { readText } from '../platform/read-text.js';
import { parseYaml } from '../platform/yaml-source.js';
import type { TreeVersion } from './records.js';

// A revision never starts with a dash: git would take it for an option.
const AT_REVISION = /^([a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?)@([^-].*)$/;

/** A file's text at a git revision, read with `git show` in the file's own folder. */
function gitShow(path: string, revision: string): string {
  const shown = spawnSync('git', ['-C', dirname(path), 'show', `${revision}:./${basename(path)}`], { encoding: 'utf8', maxBuffer: 8 * 1024 * 1024 });
  if (shown.error) {
    throw new LeertuinError('git-missing', t('impact.gitMissing', { reason: (shown.error as NodeJS.ErrnoException).code ?? shown.error.message }), { hint: t('impact.gitMissingHint') });
  }
  if (shown.status !== 0) {
    const reason = shown.stderr.split('\n').find((line) => line.trim() !== '') ?? `git exit ${shown.status}`;
    throw new LeertuinError('git-revision', t('impact.gitFailed', { ref: `${basename(path)}@${revision}`, reason: reason.replace(/^fatal: /, '') }), { hint: t('impact.gitFailedHint') });
  }
  return shown.stdout;
}

/** Where the text of a file at a revision is put to be loaded: under its own name, which must be its id. */
function withTempFile<T>(name: string, text: string, load: (path: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'leertuin-impact-'));
  try {
    const path = join(dir, name);
    writeFileSync(path, text);
    return load(path);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function fromFile(catalog: Catalog, path: string, label: string, findKader: (id: string) => LoadedKader | undefined): TreeVersion {
  const text = readText(path);
  const data = parseYaml(text, path).data as { id?: unknown; kind?: unknown; data?: unknown } | null;
  // An archived version (`<dilemmas>/archive/<sha256>.json`: `{kind, data}`) holds the file's validated data; JSON is YAML.
  const archived = data?.kind !== undefined && typeof data.data === 'object' && data.data !== null ? (data.data as { id?: unknown }) : undefined;
  const id = (archived ?? data)?.id;
  // A copy kept under another name (`mag-ik-delen.old.yaml`) is read as if it had its own id as its name.
  if (typeof id === 'string' && /^[a-z0-9-]+$/.test(id) && (archived || id !== basename(path, extname(path)))) {
    return withTempFile(`${id}.yaml`, archived ? JSON.stringify(archived) : text, (copy) => fromFile(catalog, copy, label, findKader));
  }
  const parsed = catalog.parse(path);
  if (parsed.file.kind === 'kader') {
    const kader = loadKader(path, false);
    return { label, kind: 'kader', pin: kader.pin, tree: kader.tree };
  }
  const dilemma = loadDilemma(path, false, findKader);
  return { label, kind: dilemma.kader ? 'kader' : 'dilemma', pin: treePin(dilemma), tree: dilemma.tree };
}

/**
 * A version of a tree named on the command line: a dilemma or kader file (or an archived version
 * of one), an id (the current version), or `<id>@<revision>`,
 * the project's file of that id as git has it at that revision. A dilemma at a revision walks its
 * kader at the same revision where git has it there, else the current one.
 */
export function loadTreeVersion(catalog: Catalog, ref: string, cwd: string): TreeVersion {
  const path = resolve(cwd, ref);
  if (existsSync(path)) return fromFile(catalog, path, ref, (id) => catalog.kader(id));
  // A bare id: the current version, as the catalog finds it (the project's before the bundled one).
  const current = catalog.entries().find((e) => e.id === ref && e.kind === 'dilemma') ?? catalog.entries().find((e) => e.id === ref);
  if (current) return fromFile(catalog, current.path, ref, (id) => catalog.kader(id));
  const match = AT_REVISION.exec(ref);
  if (!match) throw new LeertuinError('impact-not-found', t('impact.notFound', { ref }), { hint: t('impact.refHint') });
  const [, id, revision] = match as unknown as [string, string, string];
  const entry = catalog.entries().find((e) => e.id === id && e.kind === 'dilemma' && !e.bundled) ?? catalog.entries().find((e) => e.id === id && !e.bundled);
  if (!entry) throw new LeertuinError('impact-not-found', t('impact.notInProject', { id }), { hint: t('impact.refHint') });
  const kaderAt = (kaderId: string): LoadedKader | undefined => {
    const current = catalog.kader(kaderId);
    if (!current || current.bundled) return current;
    let text: string;
    try {
      text = gitShow(current.path, revision);
    } catch (error) {
      if (error instanceof LeertuinError && error.code === 'git-revision') return current;
      throw error;
    }
    return withTempFile(basename(current.path), text, (path) => loadKader(path, false));
  };
  return withTempFile(basename(entry.path), gitShow(entry.path, revision), (path) => fromFile(catalog, path, ref, kaderAt));
}
