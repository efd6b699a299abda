import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { publicTree } from '../../src/commands/show.js';
import { Catalog } from '../../src/dilemma/catalog.js';
import type { LoadedDilemma } from '../../src/dilemma/model.js';
import type { MotivationRule, TreeNode } from '../../src/dilemma/schema.js';
import { LeertuinError } from '../../src/errors.js';
import { setLanguage } from '../../src/i18n/index.js';
import { buildRecord } from '../../src/record/build.js';
import type { DecisionRecord } from '../../src/record/model.js';
import { parseRecord } from '../../src/record/parse.js';
import { loadTemplate, renderRecord } from '../../src/record/render.js';
import { answersFileSchema, readAnswersFile, walkAnswers, type LoadedAnswers } from '../../src/walk/answers-file.js';
import { parseYaml } from '../../src/platform/yaml-source.js';
import { outcomeOf, replay, type GivenAnswer } from '../../src/walk/engine.js';
import { AUTHOR } from './helpers.js';

/** The parts of the `show --json` shape this test walks. */
interface PublicOption {
  id: string;
  next?: string;
  motivation?: MotivationRule;
}
interface PublicRule {
  when?: { any?: string[]; all?: string[]; none?: string[] };
  next: string;
}
interface PublicNode {
  id: string;
  kind: TreeNode['kind'];
  motivation?: MotivationRule;
  options: readonly PublicOption[];
  rules?: readonly PublicRule[];
  next?: string;
}
interface PublicTree {
  id: string;
  start: string;
  nodes: readonly PublicNode[];
}

interface Choice {
  node: string;
  answer: string | string[];
  rule: MotivationRule;
}
interface PathCase {
  choices: Choice[];
  outcome: string;
}

function ruleMatches(rule: PublicRule, chosen: readonly string[]): boolean {
  const w = rule.when;
  if (!w) return true;
  return (
    (w.any === undefined || w.any.some((id) => chosen.includes(id))) &&
    (w.all === undefined || w.all.every((id) => chosen.includes(id))) &&
    (w.none === undefined || !w.none.some((id) => chosen.includes(id)))
  );
}

/** Non-empty subsets of the options, smallest first. */
function subsets(ids: readonly string[]): string[][] {
  const all: string[][] = [];
  for (let mask = 1; mask < 1 << ids.length; mask++) all.push(ids.filter((_, i) => mask & (1 << i)));
  return all.sort((a, b) => a.length - b.length);
}

/** For each rule of a multiple node: one subset that makes it the first matching rule, if any exists. */
function subsetPerRule(node: PublicNode): { rule: PublicRule; chosen: string[] }[] {
  const rules = node.rules ?? [];
  const candidates = subsets(node.options.map((o) => o.id));
  return rules.flatMap((rule, i) => {
    const chosen = candidates.find((c) => rules.findIndex((r) => ruleMatches(r, c)) === i);
    return chosen ? [{ rule, chosen }] : [];
  });
}

function motivationFor(node: PublicNode, answer: string | string[]): MotivationRule {
  const nodeRule = node.motivation ?? 'optional';
  if (node.kind === 'single') return node.options.find((o) => o.id === answer)?.motivation ?? nodeRule;
  if (node.kind === 'multiple') {
    const chosen = node.options.filter((o) => (answer as string[]).includes(o.id));
    return chosen.some((o) => o.motivation === 'required') ? 'required' : nodeRule;
  }
  return nodeRule;
}

/** Every path from the start to an outcome, depth-first, from the public shape alone. */
function enumeratePaths(tree: PublicTree): { paths: PathCase[]; unmatchableRules: string[] } {
  const byId = new Map(tree.nodes.map((n) => [n.id, n]));
  const perRule = new Map<string, { rule: PublicRule; chosen: string[] }[]>();
  const unmatchableRules: string[] = [];
  for (const node of tree.nodes) {
    if (node.kind !== 'multiple') continue;
    const found = subsetPerRule(node);
    perRule.set(node.id, found);
    if (found.length < (node.rules ?? []).length) unmatchableRules.push(node.id);
  }
  const paths: PathCase[] = [];
  const visit = (id: string, choices: Choice[], depth: number): void => {
    if (depth > tree.nodes.length) throw new Error(`path too long at ${id}`);
    const node = byId.get(id);
    if (!node) throw new Error(`unknown node ${id} in the public tree`);
    const go = (answer: string | string[], next: string) =>
      visit(next, [...choices, { node: id, answer, rule: motivationFor(node, answer) }], depth + 1);
    switch (node.kind) {
      case 'outcome':
        paths.push({ choices, outcome: id });
        return;
      case 'info':
        visit(node.next!, choices, depth + 1);
        return;
      case 'text':
        go(`Doel van pad ${paths.length}: één plan, "ja" of no?`, node.next!);
        return;
      case 'single':
        for (const option of node.options) go(option.id, option.next!);
        return;
      case 'multiple':
        for (const { rule, chosen } of perRule.get(id)!) go(chosen, rule.next);
        return;
    }
  };
  visit(tree.start, [], 0);
  return { paths, unmatchableRules };
}

const MOTIVATIONS = ['yes', 'no', 'Omdat het doel concreet is.', '2026-01-01', 'regel 1\n---\nregel 3', '<b>vet</b> & ~'];

/** The answers file for a path: a motivation wherever required, and on every other optional one. */
function answersFile(dilemma: string, path: PathCase, index: number): Record<string, unknown> {
  const answers: Record<string, { answer: string | string[]; motivation?: string }> = {};
  path.choices.forEach((c, i) => {
    const give = c.rule === 'required' || (c.rule === 'optional' && (index + i) % 2 === 0);
    answers[c.node] = { answer: c.answer, ...(give ? { motivation: MOTIVATIONS[(index + i) % MOTIVATIONS.length]! } : {}) };
  });
  return { dilemma, author: AUTHOR, answers };
}

const NOW = new Date('2026-02-03T04:05:06Z');
const dilemmas = new Catalog([]).dilemmas();
const template = loadTemplate();
/**
 * Every path of every dilemma through the whole chain (file on disk, YAML parse, render, parse back)
 * costs about 3 ms a path, and the bundled dilemmas have ~59,000 paths between them: minutes. By
 * default every path goes through the walk (walkAnswers -> buildRecord -> replay of the record's
 * path) once per distinct tree, and the whole file chain runs on a sample per dilemma that takes
 * every option of every question at least once. LEERTUIN_ALL_PATHS=1 runs the whole chain on every
 * path of every dilemma.
 */
const ALL_PATHS = process.env.LEERTUIN_ALL_PATHS === '1';
const STRIDE_SAMPLE = 20;
const coverage = new Map<string, string>();
let tmp: string;

beforeAll(() => {
  setLanguage('en');
  // A memory-backed folder where there is one: thousands of small writes.
  tmp = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'leertuin-answers-'));
});
afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
  console.info(`answers round trip, per dilemma: ${[...coverage].map(([id, n]) => `${id}: ${n}`).join('; ')}`);
});

/** Replays a record's path under the dilemma's tree; undefined when all agrees, else what went wrong. */
function checkRecord(dilemma: LoadedDilemma, record: DecisionRecord, path: PathCase): string | undefined {
  const nodes = record.path.map((p) => p.node).join(' ');
  if (nodes !== path.choices.map((c) => c.node).join(' ')) return `record path ${nodes}`;
  const replayed = replay(
    dilemma.tree,
    new Map<string, GivenAnswer>(record.path.map((p) => [p.node, { answer: p.answer, ...(p.motivation !== undefined ? { motivation: p.motivation } : {}) }])),
  );
  const reached = outcomeOf(dilemma.tree, replayed)?.id;
  if (reached !== record.outcome.id) return `replay reaches ${reached}, the record says ${record.outcome.id}`;
  if (record.outcome.id !== path.outcome) return `record outcome ${record.outcome.id}, the path ends in ${path.outcome}`;
  return undefined;
}

/** The whole chain: answers file on disk -> readAnswersFile -> walkAnswers -> record -> render -> parse -> replay. */
function fileRoundTrip(dilemma: LoadedDilemma, path: PathCase, index: number, file: string): string | undefined {
  const id = dilemma.pin.id;
  writeFileSync(file, stringify(answersFile(id, path, index)));
  const loaded = readAnswersFile(file);
  if (loaded.file.dilemma !== id) return `answers file names ${loaded.file.dilemma}`;
  const state = walkAnswers(dilemma.tree, loaded);
  const record = buildRecord({ dilemma, state, author: loaded.file.author!, language: 'nl', now: NOW, shortId: 'abcdef' });
  const { record: back } = parseRecord(renderRecord(record, dilemma, template));
  if (JSON.stringify(back) !== JSON.stringify(record)) return 'the record does not parse back to itself';
  return checkRecord(dilemma, back, path);
}

/** The walk alone, in memory: the path's answers through the engine, a record, and its replay. */
function walkRoundTrip(dilemma: LoadedDilemma, path: PathCase, index: number, source: LoadedAnswers['source']): string | undefined {
  const file = answersFileSchema().parse(answersFile(dilemma.pin.id, path, index));
  const state = walkAnswers(dilemma.tree, { file, source });
  const record = buildRecord({ dilemma, state, author: AUTHOR, language: 'nl', now: NOW, shortId: 'abcdef' });
  return checkRecord(dilemma, record, path);
}

/** Paths that together take every answer of every question at least once, plus every n-th path. */
function sample(paths: readonly PathCase[]): number[] {
  const seen = new Set<string>();
  const chosen: number[] = [];
  const stride = Math.max(1, Math.ceil(paths.length / STRIDE_SAMPLE));
  paths.forEach((path, index) => {
    const edges = path.choices.map((c) => `${c.node}=${String(c.answer)}`);
    if (index % stride === 0 || edges.some((e) => !seen.has(e))) {
      chosen.push(index);
      edges.forEach((e) => seen.add(e));
    }
  });
  return chosen;
}

function failureOf(path: PathCase, index: number, run: () => string | undefined): string | undefined {
  try {
    const problem = run();
    return problem === undefined ? undefined : `path ${index}: ${problem}`;
  } catch (error) {
    return `path ${index} (${path.choices.map((c) => `${c.node}=${String(c.answer)}`).join(', ')}): ${(error as Error).message}`;
  }
}

const walkedTrees = new Set<string>();

describe.each(dilemmas.map((d) => [d.pin.id, d] as const))('every path of %s', (id, dilemma) => {
  const tree: PublicTree = publicTree(dilemma, 'nl');
  const { paths, unmatchableRules } = enumeratePaths(tree);

  it('the public tree has paths to every outcome, and every rule of a multiple node can be made to match first', () => {
    expect(unmatchableRules).toEqual([]);
    expect(paths.length).toBeGreaterThan(0);
    const outcomes = tree.nodes.filter((n) => n.kind === 'outcome').map((n) => n.id);
    expect(new Set(paths.map((p) => p.outcome))).toEqual(new Set(outcomes));
    expect(new Set(tree.nodes.map((n) => n.id))).toEqual(new Set(dilemma.tree.nodes.keys()));
  });

  it('every path: walkAnswers -> buildRecord -> replay of the record’s path reaches the record’s outcome', () => {
    // Dilemmas that walk the same kader share its paths: walk them once per tree.
    const treeKey = dilemma.kader?.pin.sha256 ?? dilemma.pin.sha256;
    const first = !walkedTrees.has(treeKey);
    walkedTrees.add(treeKey);
    const indexes = first || ALL_PATHS ? paths.map((_, i) => i) : sample(paths);
    const source = parseYaml('{}', 'memory.yaml');
    const failures = indexes.flatMap((i) => failureOf(paths[i]!, i, () => walkRoundTrip(dilemma, paths[i]!, i, source)) ?? []);
    expect(failures.slice(0, 5)).toEqual([]);
    coverage.set(id, `${paths.length} paths, ${indexes.length} walked`);
  });

  it('answers file on disk -> record -> parse -> replay, on every path or a covering sample', () => {
    const indexes = ALL_PATHS ? paths.map((_, i) => i) : sample(paths);
    const file = join(tmp, `${id}.answers.yaml`);
    const failures = indexes.flatMap((i) => failureOf(paths[i]!, i, () => fileRoundTrip(dilemma, paths[i]!, i, file)) ?? []);
    expect(failures.slice(0, 5)).toEqual([]);
    // The sample takes every answer of every question on some path.
    const edges = new Set(paths.flatMap((p) => p.choices.map((c) => `${c.node}=${String(c.answer)}`)));
    const sampled = new Set(indexes.flatMap((i) => paths[i]!.choices.map((c) => `${c.node}=${String(c.answer)}`)));
    expect(sampled).toEqual(edges);
    coverage.set(id, `${coverage.get(id) ?? `${paths.length} paths`}, ${indexes.length} through the whole file chain`);
  });
});

describe('answers file errors name the problem and the node', () => {
  const dilemma = dilemmas.find((d) => d.pin.id === 'zvh-alles-delen')!;
  const tree: PublicTree = publicTree(dilemma, 'nl');
  // A path to the agreed outcome that does not pass `melden-vooraf-vertellen`, so an answer there is off the path.
  const firstPath = (): PathCase =>
    enumeratePaths(tree).paths.find((p) => p.outcome === dilemma.file.afspraak!.outcome && p.choices.every((c) => c.node !== 'melden-vooraf-vertellen'))!;

  function walkFile(name: string, content: Record<string, unknown>): LeertuinError {
    const file = join(tmp, name);
    writeFileSync(file, stringify(content));
    try {
      walkAnswers(dilemma.tree, readAnswersFile(file));
    } catch (error) {
      expect(error).toBeInstanceOf(LeertuinError);
      return error as LeertuinError;
    }
    throw new Error('expected a LeertuinError');
  }

  it('the starting answers file is valid', () => {
    const file = join(tmp, 'ok.yaml');
    writeFileSync(file, stringify(answersFile('zvh-alles-delen', firstPath(), 0)));
    expect(outcomeOf(dilemma.tree, walkAnswers(dilemma.tree, readAnswersFile(file)))?.id).toBe(dilemma.file.afspraak!.outcome);
  });

  it('an answer for a node off the path', () => {
    const content = answersFile('zvh-alles-delen', firstPath(), 0);
    const answers = content.answers as Record<string, unknown>;
    expect(answers['acuut-handelen']).toBeUndefined();
    answers['melden-vooraf-vertellen'] = { answer: 'vooraf', motivation: 'm' };
    const error = walkFile('off-path.yaml', content);
    expect(error.code).toBe('answers-off-path');
    expect(error.message).toContain('"melden-vooraf-vertellen"');
    expect(error.position?.file).toBe(join(tmp, 'off-path.yaml'));
    expect(error.position?.line).toBeGreaterThan(1);
  });

  it('an unknown option', () => {
    const content = answersFile('zvh-alles-delen', firstPath(), 0);
    (content.answers as Record<string, unknown>)['acuut-gevaar'] = { answer: 'misschien', motivation: 'm' };
    const error = walkFile('unknown-option.yaml', content);
    expect(error.code).toBe('answers-not-an-option');
    expect(error.message).toBe('"misschien" is not an option of question "acuut-gevaar"');
  });

  it('an unknown option in a multiple answer', () => {
    const content = answersFile('zvh-alles-delen', firstPath(), 0);
    (content.answers as Record<string, unknown>)['bijzondere-gegevens'] = { answer: ['gezondheid', 'hobby'] };
    const error = walkFile('unknown-multiple.yaml', content);
    expect(error.code).toBe('answers-not-an-option');
    expect(error.message).toContain('"bijzondere-gegevens"');
    expect(error.message).toContain('"hobby"');
  });

  it('a missing required motivation, at the answer in the file', () => {
    const content = answersFile('zvh-alles-delen', firstPath(), 0);
    (content.answers as Record<string, unknown>)['persoonsgegeven'] = { answer: 'ja' };
    const file = 'no-motivation.yaml';
    const error = walkFile(file, content);
    expect(error.code).toBe('answers-motivation-required');
    expect(error.message).toBe('a motivation is required at "persoonsgegeven"');
    // The position is the answer's entry in the file (its `motivation` is missing, so its map).
    const text = stringify(content).split('\n');
    const line = text.findIndex((l) => l.startsWith('  persoonsgegeven:')) + 1;
    expect(error.position?.line).toBe(line + 1);
  });

  it('a missing answer on the path', () => {
    const content = answersFile('zvh-alles-delen', firstPath(), 0);
    delete (content.answers as Record<string, unknown>)['noodzaak'];
    const error = walkFile('missing.yaml', content);
    expect(error.code).toBe('answers-missing-answer');
    expect(error.message).toContain('"noodzaak"');
  });

  it('a malformed answers file is invalid-answers with a position', () => {
    const file = join(tmp, 'malformed.yaml');
    writeFileSync(file, 'dilemma: zvh-alles-delen\nanswers:\n  persoonsgegeven: {answer: ja, reden: x}\n');
    try {
      readAnswersFile(file);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(LeertuinError);
      expect((error as LeertuinError).code).toBe('invalid-answers');
      expect((error as LeertuinError).position?.line).toBe(3);
    }
  });
});
