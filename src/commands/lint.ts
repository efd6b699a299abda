import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { BUNDLED_DIR, Catalog } from '../dilemma/catalog.js';
import { describeProblem, loadKader, parseTreeFile, treeProblems } from '../dilemma/load.js';
import type { LoadedKader } from '../dilemma/model.js';
import { LeertuinError, formatPosition, type SourcePosition } from '../errors.js';
import { t } from '../i18n/index.js';
import { oneLine } from '../util/text.js';
import type { Context } from './context.js';

interface LintFinding {
  file: string;
  line?: number;
  col?: number;
  code: string;
  message: string;
}

/** Every YAML file under the given paths (folders recursively), sorted for stable output. */
export function collectYaml(paths: readonly string[]): string[] {
  const found: string[] = [];
  const walk = (path: string) => {
    const stat = statSync(path);
    if (stat.isDirectory()) {
      for (const name of readdirSync(path).sort()) {
        if (name.startsWith('.')) continue;
        const child = join(path, name);
        if (statSync(child).isDirectory() || /\.ya?ml$/.test(name)) walk(child);
      }
    } else {
      found.push(path);
    }
  };
  for (const path of paths) {
    if (!existsSync(path)) throw new LeertuinError('file-not-found', t('load.notFound', { file: path }), { position: { file: path } });
    walk(path);
  }
  return found;
}

/** `leertuin lint [files...]`: schema and graph checks of dilemma and kader files; exit 1 on any problem. */
export async function run(ctx: Context, files: unknown): Promise<number> {
  const config = ctx.config();
  const given = (files as string[] | undefined) ?? [];
  const targets = given.length > 0 ? given.map((f) => resolve(ctx.cwd, f)) : [...config.dilemmas.value.filter(existsSync), BUNDLED_DIR];
  const paths = collectYaml(targets);
  const catalog = new Catalog(config.dilemmas.value);
  // Kaders among the linted files come first, so a dilemma is checked against the kader beside it.
  const localKaders = new Map<string, LoadedKader>();
  const findings: LintFinding[] = [];
  const add = (position: SourcePosition, code: string, message: string) =>
    findings.push({ file: position.file, ...(position.line ? { line: position.line, col: position.col } : {}), code, message });

  const parsed = paths.flatMap((path) => {
    try {
      return [parseTreeFile(path)];
    } catch (error) {
      if (!(error instanceof LeertuinError)) throw error;
      add(error.position ?? { file: path }, error.code, error.message);
      return [];
    }
  });
  for (const file of parsed) {
    if (file.file.kind === 'kader' && treeProblems(file).length === 0) {
      localKaders.set(file.pin.id, loadKader(file.path, false));
    }
  }
  for (const file of parsed) {
    let kader: LoadedKader | undefined;
    if (file.file.kind === 'dilemma' && file.file.data.kader) {
      const id = file.file.data.kader;
      try {
        kader = localKaders.get(id) ?? catalog.kader(id);
      } catch (error) {
        if (!(error instanceof LeertuinError)) throw error;
      }
      if (!kader) {
        add(file.source.positionOf(['kader']), 'unknown-kader', t('load.unknownKader', { id }));
        continue;
      }
    }
    for (const { problem, position } of treeProblems(file, kader)) add(position, problem.code, describeProblem(problem));
  }

  const fileCount = paths.length;
  if (ctx.options.json) {
    ctx.outJson({ ok: findings.length === 0, files: paths, problems: findings });
  } else {
    for (const f of findings) ctx.out(`${formatPosition(f)}: ${oneLine(f.message)} ${ctx.outStyle.dim(`[${f.code}]`)}`);
    if (fileCount === 0) ctx.say(t('lint.noFiles'));
    else if (findings.length === 0) ctx.say(ctx.style.ok(`✓ ${t('lint.ok', { files: fileCount })}`));
    else ctx.say(ctx.style.error(`✗ ${t('lint.problems', { count: findings.length, files: new Set(findings.map((f) => f.file)).size })}`));
  }
  return findings.length > 0 ? 1 : 0;
}
