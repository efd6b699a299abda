import { basename, extname, join } from 'node:path';
import { LeertuinError, formatPosition, type SourcePosition } from '../errors.js';
import { t } from '../i18n/index.js';
import { canonicalJson } from '../platform/canonical.js';
import { sha256Hex } from '../platform/crypto.js';
import { readText } from '../platform/read-text.js';
import { cachedParse } from '../platform/parse-cache.js';
import { validatedOnce } from '../platform/validated-once.js';
import { parseYaml, validate, type YamlSource } from '../platform/yaml-source.js';
import { checkTree, type Problem } from './graph.js';
import { buildTree, type LoadedDilemma, type LoadedKader, type Pin, type TreeFile } from './model.js';
import { treeSchemas, type DilemmaFile, type KaderFile } from './schema.js';
import { checkAfspraak } from './afspraak.js';
import { compiledBundledFile, revive } from './bundled.js';
import { headerTranslationProblems } from './texts.js';

/** A validated file with its source (for positions) and its pin. */
export interface ParsedFile {
  path: string;
  source: YamlSource;
  file: TreeFile;
  pin: Pin;
}

const FORMAT_HINT = 'see docs/dilemma-format.md';

/**
 * Reads a dilemma or kader file, refusing oversized, non-UTF-8 or invalid content with a position.
 * With `cacheDir`, a file validated before with the same text is taken from the parse cache, and
 * its YAML is parsed only if a position is asked for.
 */
export function parseTreeFile(path: string, cacheDir?: string): ParsedFile {
  const text = readText(path);
  // Positions are only needed to report a problem: from the compiled index or the cache, the YAML is parsed then, not before.
  let source: YamlSource | undefined;
  const sourceOf = () => (source ??= parseYaml(text, path));
  const compiled = compiledBundledFile(path, () => sha256Hex(text));
  if (compiled) {
    const file = compiled.kind === 'kader' ? { kind: 'kader' as const, data: compiled.data as KaderFile } : { kind: 'dilemma' as const, data: compiled.data as DilemmaFile };
    return { path, file, pin: compiled.pin, get source() { return sourceOf(); } };
  }
  const validated = () => revive(validatedOnce('tree', text, () => validate(sourceOf(), treeSchemas().file, 'invalid-dilemma-file', FORMAT_HINT)));
  const data = cacheDir ? revive(cachedParse(join(cacheDir, 'dilemmas'), path, text, validated)) : validated();
  const expectedId = basename(path, extname(path));
  if (data.id !== expectedId) {
    throw new LeertuinError('id-mismatch', t('load.idMismatch', { id: data.id, file: expectedId }), {
      position: sourceOf().positionOf(['id']),
      hint: t('load.idMismatchHint', { id: data.id }),
    });
  }
  const file = data.kind === 'kader' ? ({ kind: 'kader', data } as const) : ({ kind: 'dilemma', data: data as DilemmaFile } as const);
  return { path, file, pin: { id: data.id, version: data.version, sha256: sha256Hex(canonicalJson(data)) }, get source() { return sourceOf(); } };
}

/** Tree problems of a parsed file, each with its position in that file. */
export function treeProblems(parsed: ParsedFile, kader?: LoadedKader): { problem: Problem; position: SourcePosition }[] {
  const at = (problem: Problem) => ({ problem, position: parsed.source.positionOf(problem.path) });
  const { file } = parsed;
  const found: Problem[] = [];
  if (file.kind === 'kader') {
    found.push(...checkTree(file.data.start, file.data.nodes, file.data.languages));
  } else if (file.data.start !== undefined && file.data.nodes !== undefined) {
    found.push(...checkTree(file.data.start, file.data.nodes, file.data.languages));
  }
  found.push(...headerTranslationProblems(file));
  return found.map(at).concat(
    file.kind === 'dilemma' && found.length === 0
      ? checkAfspraak(file.data, kader?.tree ?? inlineTree(file.data)).map(at)
      : [],
  );
}

function inlineTree(data: DilemmaFile) {
  return buildTree(data.start ?? '', data.nodes ?? [], data.languages);
}

/** Turns the first problem into an error, so nothing walks a broken tree. */
function rejectProblems(parsed: ParsedFile, kader?: LoadedKader): void {
  const first = treeProblems(parsed, kader)[0];
  if (first) {
    throw new LeertuinError(`tree-${first.problem.code}`, describeProblem(first.problem), {
      position: first.position,
      hint: t('load.lintHint', { file: formatPosition({ file: parsed.path }) }),
    });
  }
}

export function describeProblem(problem: Problem): string {
  return t(`problem.${problem.code}`, { subject: problem.subject, detail: problem.detail ?? '' });
}

export function loadKader(path: string, bundled: boolean, cacheDir?: string): LoadedKader {
  const parsed = parseTreeFile(path, cacheDir);
  if (parsed.file.kind !== 'kader') {
    throw new LeertuinError('not-a-kader', t('load.notAKader', { file: path }), { position: parsed.source.positionOf(['kind']) });
  }
  rejectProblems(parsed);
  const data = parsed.file.data;
  return { file: data, path, bundled, pin: parsed.pin, tree: buildTree(data.start, data.nodes, data.languages) };
}

/** Loads a dilemma; `findKader` resolves `kader: <id>` (project kaders before bundled ones). */
export function loadDilemma(path: string, bundled: boolean, findKader: (id: string) => LoadedKader | undefined, cacheDir?: string): LoadedDilemma {
  const parsed = parseTreeFile(path, cacheDir);
  if (parsed.file.kind !== 'dilemma') {
    throw new LeertuinError('not-a-dilemma', t('load.notADilemma', { file: path }), {
      position: parsed.source.positionOf(['kind']),
      hint: t('load.notADilemmaHint'),
    });
  }
  const data = parsed.file.data;
  let kader: LoadedKader | undefined;
  if (data.kader !== undefined) {
    kader = findKader(data.kader);
    if (!kader) {
      throw new LeertuinError('unknown-kader', t('load.unknownKader', { id: data.kader }), {
        position: parsed.source.positionOf(['kader']),
        hint: t('load.unknownKaderHint'),
      });
    }
  }
  rejectProblems(parsed, kader);
  const tree = kader ? kader.tree : inlineTree(data);
  return { file: data, path, bundled, pin: parsed.pin, tree, ...(kader ? { kader } : {}) };
}
