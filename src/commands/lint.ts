import { existsSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { archivePath, archiveVersion } from '../dilemma/archive.js';
import { answersOf, PathModel, type Coverage, type TreePath } from '../authoring/paths.js';
import { recordSourceHashes, translationStates, type TranslationState } from '../authoring/translations.js';
import { BUNDLED_DIR, Catalog } from '../dilemma/catalog.js';
import { describeProblem, loadKader, parseTreeFile, treeProblems, type ParsedFile } from '../dilemma/load.js';
import { readText } from '../platform/read-text.js';
import { isReferenceFile, legalId, legalSource, parseReferenceFile, referenceFor, unexplainedJargon, type Reference } from '../dilemma/reference.js';
import { localizedFields } from '../dilemma/graph.js';
import { isFreeText } from '../dilemma/kinds/index.js';
import { localize } from '../dilemma/localize.js';
import type { Localized } from '../dilemma/schema.js';
import type { YamlPath } from '../platform/yaml-source.js';
import type { LoadedKader, Tree } from '../dilemma/model.js';
import { buildTree } from '../dilemma/model.js';
import { LeertuinError, formatPosition, type SourcePosition } from '../errors.js';
import { t } from '../i18n/index.js';
import { writeFileAtomic } from '../platform/atomic.js';
import { filesUnder } from '../platform/files.js';
import { oneLine } from '../platform/text.js';
import { parseYaml } from '../platform/yaml-source.js';
import type { Context } from './context.js';
import { argument, defineCommand, option, type OptionValues } from './define.js';

interface LintFinding {
  file: string;
  line?: number;
  col?: number;
  code: string;
  message: string;
}

const OPTIONS = {
  paths: option.flag(),
  limit: option.count(),
  fixTranslations: option.flag(),
  archive: option.flag(),
  maxQuestions: option.count(),
  yes: option.flag(),
};
type LintOptions = OptionValues<typeof OPTIONS>;

/** A file whose tree is sound: its paths can be listed and counted. */
interface Walkable {
  file: string;
  kind: 'dilemma' | 'kader';
  id: string;
  model: PathModel;
  coverage: Coverage;
}

/**
 * `leertuin lint [files...]`: schema, graph and translation checks of dilemma and kader files, the
 * paths through each tree and how many outcomes they reach; exit 1 on any problem.
 */
export default defineCommand({
  args: { files: argument.any() },
  options: OPTIONS,
  examples: ['leertuin lint', 'leertuin lint --paths --json dilemmas/mijn-dilemma.yaml'],
  async run(ctx, { files }, options) {
    const config = ctx.config();
    const given = files;
    const targets = given.length > 0 ? given.map((f) => resolve(ctx.cwd, f)) : [...config.dilemmas.value.filter(existsSync), BUNDLED_DIR];
    const paths = [...filesUnder(targets, ctx.cwd, /\.ya?ml$/)];

    // The bundled files belong to the tool: only a file named on the command line is changed there.
    const recorded = options.fixTranslations
      ? await fixTranslations(ctx, given.length > 0 ? paths : paths.filter((p) => !p.startsWith(BUNDLED_DIR)), options)
      : [];

    const { findings, walkable, parsed } = lintFiles(paths, Catalog.of(config), pathPlaceholders());
    // A path a professional can learn from is short: with --paths, a longer one is a problem.
    const maxQuestions = options.maxQuestions ?? config.maxPathQuestions.value;
    if (options.paths) {
      for (const w of walkable) {
        if (w.coverage.longest > maxQuestions) findings.push({ file: w.file, code: 'path-too-long', message: t('lint.pathTooLong', { longest: w.coverage.longest, max: maxQuestions }) });
      }
    }
    const ok = findings.length === 0;
    // Only sound files are kept; the bundled ones only when named (the tool's own release does that).
    const archived = options.archive && ok ? archiveFiles(given.length > 0 ? parsed : parsed.filter((p) => !p.path.startsWith(BUNDLED_DIR))) : [];
    const coverage = walkable.map(({ file, kind, id, coverage: c }) => ({ file, kind, id, paths: c.paths, longest: c.longest, outcomes: c.outcomes, reached: c.reached, unreached: c.unreached }));

    if (ctx.options.json) {
      const document = {
        ok,
        files: paths,
        problems: findings,
        coverage,
        ...(options.fixTranslations ? { recorded } : {}),
        ...(options.archive ? { archived } : {}),
      };
      if (options.paths) writeJsonWithPaths(ctx, document, walkable, options.limit);
      else ctx.outJson(document);
      return ok ? 0 : 1;
    }

    for (const r of recorded) ctx.out(`${formatPosition(r)}: ${t('lint.recorded', { language: r.language })}`);
    for (const f of findings) ctx.out(`${formatPosition(f)}: ${oneLine(f.message)} ${ctx.outStyle.dim(`[${f.code}]`)}`);
    for (const w of walkable) {
      if (options.paths) listPaths(ctx, w, options.limit);
      ctx.say(ctx.style.dim(coverageLine(w) + (options.paths ? `; ${t('lint.longest', { longest: w.coverage.longest, max: maxQuestions })}` : '')));
    }
    if (options.archive && ok) ctx.say(t('lint.archived', { count: archived.length }));
    if (paths.length === 0) ctx.say(t('lint.noFiles'));
    else if (ok) ctx.say(ctx.style.ok(`✓ ${t('lint.ok', { files: paths.length })}`));
    else ctx.say(ctx.style.error(`✗ ${t('lint.problems', { count: findings.length, files: new Set(findings.map((f) => f.file)).size })}`));
    return ok ? 0 : 1;
  },
});

/** Keeps each file's current version in the archive of its dilemmas folder; returns the files written. */
function archiveFiles(files: readonly ParsedFile[]): string[] {
  const written: string[] = [];
  for (const { path, file, pin } of files) {
    if (file.kind === 'dilemma' && file.data.nodes === undefined) continue;
    const dir = file.kind === 'kader' ? dirname(dirname(path)) : dirname(path);
    if (archiveVersion(dir, file.kind, file.data)) written.push(archivePath(dir, pin.sha256));
  }
  return written;
}

function pathPlaceholders() {
  return { text: t('lint.pathsText'), motivation: t('lint.pathsMotivation') };
}

/** Checks every file; kaders among them come first, so a dilemma is checked against the kader beside it. */
function lintFiles(paths: readonly string[], catalog: Catalog, placeholders: { text: string; motivation: string }) {
  const findings: LintFinding[] = [];
  const seen = new Set<string>();
  const add = (position: SourcePosition, code: string, text: string) => {
    // Some load errors name their file themselves; the finding names it once, in front.
    const message = text.startsWith(`${position.file}: `) ? text.slice(position.file.length + 2) : text;
    const finding = { file: position.file, ...(position.line ? { line: position.line, col: position.col } : {}), code, message };
    // The same finding from two checks is one finding.
    const key = `${formatPosition(finding)}\u0000${code}\u0000${message}`;
    if (!seen.has(key)) findings.push(finding);
    seen.add(key);
  };
  const parsed = paths.flatMap((path) => {
    try {
      // A reference file (legal sources, glossary) is checked against its own schema, and is no tree.
      if (isReferenceFile(path)) {
        parseReferenceFile(path);
        return [];
      }
      return [parseTreeFile(path)];
    } catch (error) {
      if (!(error instanceof LeertuinError)) throw error;
      add(error.position ?? { file: path }, error.code, error.message);
      return [];
    }
  });
  const projectDirs = catalog.folders().filter((f) => !f.bundled).map((f) => f.dir);
  // A file's own dilemmas folder may carry a reference/ of its own, beside the project's.
  const referenceOf = (path: string) => {
    const folder = basename(dirname(path)) === 'kaders' ? dirname(dirname(path)) : dirname(path);
    try {
      return referenceFor(resolve(folder) === resolve(BUNDLED_DIR) ? projectDirs : [folder, ...projectDirs]);
    } catch (error) {
      // A broken reference file is reported as a finding of its own; the trees are checked against the bundled one.
      if (!(error instanceof LeertuinError)) throw error;
      return referenceFor();
    }
  };
  const localKaders = new Map<string, LoadedKader>();
  for (const file of parsed) {
    if (file.file.kind === 'kader' && treeProblems(file).length === 0) localKaders.set(file.pin.id, loadKader(file.path, false));
  }

  // One model per tree: the dilemmas that share a kader share its paths.
  const models = new Map<Tree, PathModel>();
  const walkable: Walkable[] = [];
  for (const file of parsed) {
    const at = (path: readonly PropertyKey[]) => file.source.positionOf(path);
    for (const state of translationStates(file.file, file.source.data).filter((s) => s.status === 'stale')) {
      add(at(state.path), 'stale-translation', t('lint.staleTranslation', { owner: state.owner, language: state.language, source: state.sourceLanguage }));
    }

    let kader: LoadedKader | undefined;
    if (file.file.kind === 'dilemma' && file.file.data.kader) {
      const id = file.file.data.kader;
      try {
        kader = localKaders.get(id) ?? catalog.kader(id);
      } catch (error) {
        if (!(error instanceof LeertuinError)) throw error;
      }
      if (!kader) {
        add(at(['kader']), 'unknown-kader', t('load.unknownKader', { id }));
        continue;
      }
    }
    const problems = treeProblems(file, kader);
    for (const { problem, position } of problems) add(position, problem.code, describeProblem(problem));
    for (const finding of referenceFindings(file, referenceOf(file.path))) add(at(finding.path), finding.code, finding.message);
    if (problems.length > 0) continue;

    const tree = kader?.tree ?? ownTree(file);
    let model = models.get(tree);
    if (!model) {
      model = new PathModel(tree, placeholders);
      models.set(tree, model);
    }
    const coverage = model.coverage();
    if (!kader) {
      // A rule that no choice can fire is a mistake in this file's own tree.
      const nodes = file.file.data.nodes ?? [];
      for (const dead of coverage.deadRules) {
        const index = nodes.findIndex((n) => n.id === dead.node);
        const code = dead.reason === 'never' ? 'rule-never-fires' : 'rule-too-complex';
        add(at(['nodes', index, 'rules', dead.rule]), code, t(code === 'rule-never-fires' ? 'lint.ruleNeverFires' : 'lint.ruleTooComplex', { node: dead.node, rule: dead.rule + 1 }));
      }
    }
    walkable.push({ file: file.path, kind: file.file.kind, id: file.pin.id, model, coverage });
  }
  return { findings, walkable, parsed };
}

/**
 * Legal references the registry does not know (an invented article is caught here) and jargon that
 * the glossary does not explain, each once per file, at its place.
 */
function referenceFindings(file: ParsedFile, reference: Reference): { path: YamlPath; code: string; message: string }[] {
  const findings: { path: YamlPath; code: string; message: string }[] = [];
  const nodes = file.file.data.nodes ?? [];
  const jargonSeen = new Set<string>();
  nodes.forEach((node, n) => {
    node.legal?.forEach((item, i) => {
      if (legalSource(item, reference)) return;
      const source = legalId(item) ?? oneLine(localize(item as Localized, file.file.data.languages[0]!));
      findings.push({ path: ['nodes', n, 'legal', i], code: 'unknown-legal-source', message: `${t('lint.unknownSource', { source })}; ${t('lint.unknownSourceHint')}` });
    });
    for (const field of localizedFields(node)) {
      if (field.path[0] === 'legal') continue;
      for (const language of file.file.data.languages) {
        for (const term of unexplainedJargon(localize(field.text, language), reference, language)) {
          if (jargonSeen.has(term)) continue;
          jargonSeen.add(term);
          findings.push({ path: ['nodes', n, ...field.path], code: 'unexplained-jargon', message: t('lint.jargon', { term }) });
        }
      }
    }
  });
  return findings;
}

function ownTree(file: ParsedFile): Tree {
  const data = file.file.data;
  return buildTree(data.start ?? '', data.nodes ?? [], data.languages);
}

function coverageLine(w: Walkable): string {
  const c = w.coverage;
  const base = t('lint.coverage', { id: w.id, paths: c.paths, reached: c.reached.length, outcomes: c.outcomes });
  return c.unreached.length > 0 ? `${base}; ${t('lint.unreached', { outcomes: c.unreached.join(', ') })}` : base;
}

function* limited(w: Walkable, limit: number | undefined): Generator<TreePath> {
  let n = 0;
  for (const path of w.model.paths()) {
    if (limit !== undefined && n++ >= limit) return;
    yield path;
  }
}

/** Paths as text: one line each, `node=answer` steps to the outcome. */
function listPaths(ctx: Context, w: Walkable, limit: number | undefined): void {
  const style = ctx.outStyle;
  const answer = (node: string, value: string | string[]) =>
    Array.isArray(value) ? value.join('+') : isFreeText(w.model.node(node)) ? '…' : value;
  let n = 0;
  const lines: string[] = [];
  for (const path of limited(w, limit)) {
    const steps = path.steps.map((s) => `${s.node}=${answer(s.node, s.answer)}`);
    lines.push(`${w.id} ${style.dim(`#${++n}`)} ${steps.join(' → ')} ⇒ ${style.bold(path.outcome)}`);
    if (lines.length >= 1000) ctx.out(lines.splice(0).join('\n'));
  }
  if (lines.length > 0) ctx.out(lines.join('\n'));
  if (n < w.coverage.paths) ctx.say(style.dim(t('lint.pathsLimited', { shown: n, total: w.coverage.paths })));
}

/**
 * The JSON document with every path in the answers-file shape, written as it is made: thousands of
 * paths never sit in memory at once. Each entry is `{dilemma, outcome, answers}` (a kader's:
 * `{kader, ...}`); drop `outcome` and it is a file for `walk --answers`.
 */
function writeJsonWithPaths(ctx: Context, document: Record<string, unknown>, walkable: readonly Walkable[], limit: number | undefined): void {
  const head = JSON.stringify({ ...document, paths: [] }, null, 2);
  // The document ends in `"paths": []\n}`: open the list there and close it after the last path.
  ctx.stdout.write(head.slice(0, head.lastIndexOf('[]')) + '[');
  let first = true;
  let chunk = '';
  for (const w of walkable) {
    for (const path of limited(w, limit)) {
      chunk += `${first ? '' : ','}\n    ${JSON.stringify({ [w.kind]: w.id, outcome: path.outcome, answers: answersOf(path) })}`;
      first = false;
      if (chunk.length > 64 * 1024) {
        ctx.stdout.write(chunk);
        chunk = '';
      }
    }
  }
  ctx.stdout.write(`${chunk}${first ? '' : '\n  '}]\n}\n`);
}

interface RecordedHash {
  file: string;
  line?: number;
  col?: number;
  language: string;
  hash: string;
}

/**
 * Records the source hash of each translation the user confirms: one question per text in a
 * terminal; without one, only with --yes (then all of them). Each file is rewritten atomically
 * through the YAML document, so comments and order stay.
 */
async function fixTranslations(ctx: Context, paths: readonly string[], options: LintOptions): Promise<RecordedHash[]> {
  const pending: { file: ParsedFile; states: TranslationState[] }[] = [];
  for (const path of paths) {
    let file: ParsedFile;
    try {
      file = parseTreeFile(path);
    } catch (error) {
      // Reported by the checks that follow.
      if (error instanceof LeertuinError) continue;
      throw error;
    }
    const states = translationStates(file.file, file.source.data).filter((s) => s.status !== 'current');
    if (states.length > 0) pending.push({ file, states });
  }
  const count = pending.reduce((sum, p) => sum + p.states.length, 0);
  if (count === 0) {
    ctx.say(t('lint.fixNothing'));
    return [];
  }
  if (!options.yes && !ctx.interactive) {
    throw new LeertuinError('fix-needs-yes', t('lint.fixNeedsYes', { count }), { hint: t('lint.fixNeedsYesHint') });
  }
  const prompter = options.yes ? undefined : (await import('../terminal/prompts.js')).createPrompter({ input: ctx.stdin, output: ctx.stderr });
  type Decision = 'yes' | 'no' | 'all' | 'stop';
  let all = options.yes;
  let stop = false;
  const recorded: RecordedHash[] = [];
  for (const { file, states } of pending) {
    const chosen: TranslationState[] = [];
    for (const state of states) {
      if (stop) break;
      if (!all && prompter) {
        const position = file.source.positionOf(state.path);
        ctx.say('');
        ctx.say(ctx.style.bold(`${formatPosition(position)} ${state.owner} (${t(state.status === 'stale' ? 'lint.fixStale' : 'lint.fixUnrecorded')})`));
        ctx.say(`  ${state.sourceLanguage}: ${oneLine(state.source)}`);
        ctx.say(`  ${state.language}: ${oneLine(state.translation)}`);
        const decision = await prompter.select<Decision>(t('lint.fixAsk', { language: state.language, source: state.sourceLanguage }), [
          { value: 'yes', name: t('walk.yes') },
          { value: 'no', name: t('walk.no') },
          { value: 'all', name: t('lint.fixAll') },
          { value: 'stop', name: t('lint.fixStop') },
        ]);
        if (decision === 'stop') {
          stop = true;
          break;
        }
        if (decision === 'no') continue;
        if (decision === 'all') all = true;
      }
      chosen.push(state);
    }
    if (chosen.length > 0) {
      const text = recordSourceHashes(readText(file.path), chosen);
      writeFileAtomic(file.path, text);
      // Positions in the file as it is now: new `_source` lines move what follows them.
      const updated = parseYaml(text, file.path);
      for (const state of chosen) recorded.push({ ...updated.positionOf(state.path), language: state.language, hash: state.hash });
    }
    if (stop) break;
  }
  return recorded;
}
