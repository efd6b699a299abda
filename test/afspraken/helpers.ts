import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument, type YAMLMap, type YAMLSeq } from 'yaml';
import { expect } from 'vitest';
import { PathModel, answersOf, type TreePath } from '../../src/authoring/paths.js';
import { Catalog } from '../../src/dilemma/catalog.js';
import type { LoadedDilemma, LoadedKader } from '../../src/dilemma/model.js';
import { freshHome } from '../helpers/home.js';
import type { RunResult } from '../helpers/in-process.js';
import { runCommand } from '../authoring/run-command.js';

export const PLACEHOLDERS = { text: 'Een doel voor de oefening', motivation: 'Een motivatie voor de oefening' };

/**
 * A bundled dilemma that walks a kader, and a single-choice question of that kader which some of its
 * paths pass and others do not. Everything is derived from the loaded tree, not named here, so the
 * choice follows when the bundled content changes.
 */
export interface ChangedQuestion {
  dilemma: LoadedDilemma;
  kader: LoadedKader;
  node: string;
  /** Options 0 and 1 of the question (0 is renamed, 1 now leads straight to `outcome`). */
  renamed: string;
  redirected: string;
  outcome: string;
  /** Chosen paths: passing with option 0, passing with option 1 (ending elsewhere than `outcome`), passing with another option, not passing. */
  paths: { viaRenamed: TreePath[]; viaRedirected: TreePath[]; viaOther: TreePath[]; notPassing: TreePath[] };
}

export function changedQuestion(perGroup = 2, scan = 3000): ChangedQuestion {
  const catalog = new Catalog([]);
  const dilemma = catalog.dilemmas().find((d) => d.kader !== undefined && !d.file.start)!;
  const kader = dilemma.kader!;
  const tree = kader.tree;
  const model = new PathModel(tree, PLACEHOLDERS);
  const sample: TreePath[] = [];
  for (const path of model.paths()) {
    sample.push(path);
    if (sample.length >= scan) break;
  }
  const outcomes = [...tree.nodes.values()].filter((n) => n.kind === 'outcome').map((n) => n.id);
  // How many edges lead into each node: redirecting a question's only way into a node would orphan it.
  const into = new Map<string, number>();
  for (const n of tree.nodes.values()) {
    const targets = n.kind === 'single' ? n.options.map((o) => o.next) : n.kind === 'multiple' ? n.rules.map((r) => r.next) : 'next' in n ? [n.next] : [];
    for (const target of targets) into.set(target, (into.get(target) ?? 0) + 1);
  }
  for (const node of tree.nodes.values()) {
    if (node.kind !== 'single' || node.options.length < 3 || node.id === tree.start) continue;
    if ((into.get(node.options[1]!.next) ?? 0) < 2) continue;
    const answer = (p: TreePath) => p.steps.find((s) => s.node === node.id)?.answer;
    const outcome = outcomes.find((o) => !node.options.some((opt) => opt.next === o))!;
    const pick = (test: (p: TreePath) => boolean) => sample.filter(test).slice(0, perGroup);
    const paths = {
      viaRenamed: pick((p) => answer(p) === node.options[0]!.id),
      viaRedirected: pick((p) => answer(p) === node.options[1]!.id && p.outcome !== outcome),
      viaOther: pick((p) => answer(p) !== undefined && answer(p) !== node.options[0]!.id && answer(p) !== node.options[1]!.id),
      notPassing: pick((p) => answer(p) === undefined),
    };
    if (Object.values(paths).every((list) => list.length === perGroup)) {
      return { dilemma, kader, node: node.id, renamed: node.options[0]!.id, redirected: node.options[1]!.id, outcome, paths };
    }
  }
  throw new Error('no question of the bundled kader fits the test');
}

/** The kader's YAML with the question's first option renamed and its second option leading to `outcome`. */
export function changedKaderText(change: ChangedQuestion): string {
  const doc = parseDocument(readFileSync(change.kader.path, 'utf8'));
  const nodes = doc.get('nodes') as YAMLSeq<YAMLMap>;
  const node = nodes.items.find((n) => n.get('id') === change.node)!;
  const options = node.get('options') as YAMLSeq<YAMLMap>;
  options.items[0]!.set('id', `${change.renamed}-nieuw`);
  options.items[1]!.set('next', change.outcome);
  return doc.toString({ lineWidth: 0 });
}

export interface Project {
  cwd: string;
  env: NodeJS.ProcessEnv;
  run(args: string[], extra?: NodeJS.ProcessEnv): Promise<RunResult>;
  /** Writes a signed record walking `path` of `dilemma`; returns its file. */
  walk(dilemma: string, path: TreePath, id: string, extra?: { deviation?: { decision: string; reason: string }; epoch?: number }): Promise<string>;
  allowedSigners: string;
}

/** A leertuin project in a fresh HOME, with a signing key trusted in its allowed_signers; commands run in-process. */
export async function project(prefix: string, principal = 'trainer@voorbeeld.nl'): Promise<Project> {
  const { env, home } = freshHome(prefix);
  const cwd = join(home, 'work');
  const run = (args: string[], extra: NodeJS.ProcessEnv = {}) => runCommand(args, { env: { ...env, ...extra }, cwd });
  const init = await run(['init', '--organisation', 'Leertuin Oefen']);
  expect(init.status, init.stderr).toBe(0);
  const keygen = await run(['keygen', '--principal', principal]);
  expect(keygen.status, keygen.stderr).toBe(0);
  writeFileSync(join(cwd, 'allowed_signers'), keygen.stdout);
  let n = 0;
  const walk: Project['walk'] = async (dilemma, path, id, extra = {}) => {
    n++;
    const file = join(home, `answers-${id}.json`);
    const author = { name: `Oefenaar ${n}`, role: 'professional', domain: 'zorg', organisation: 'Organisatie Oefen' };
    writeFileSync(file, JSON.stringify({ dilemma, author, answers: answersOf(path), ...(extra.deviation ? { deviation: extra.deviation } : {}) }));
    const result = await run(['walk', '--answers', file], { SOURCE_DATE_EPOCH: String(extra.epoch ?? 1_795_000_000 + n * 60), LEERTUIN_RECORD_ID: id });
    expect(result.status, result.stderr).toBe(0);
    return result.stdout.trim();
  };
  return { cwd, env, run, walk, allowedSigners: keygen.stdout };
}

/** A workshop along `path` with --propose-afspraak, its proposal put in place as the project's dilemma. */
export async function agree(p: Project, dilemma: LoadedDilemma, path: TreePath, by: string): Promise<void> {
  const session = {
    dilemma: dilemma.pin.id,
    participants: 9,
    trainer: { name: 'Trainer T.', role: 'trainer', organisation: by },
    steps: path.steps.map((s) => ({ node: s.node, choice: s.answer, ...(s.motivation ? { arguments: s.motivation } : {}) })),
    afspraak: { rationale: 'Zo doen we het voortaan in de regio.', by },
  };
  const file = join(p.cwd, '..', `sessie-${dilemma.pin.id}.json`);
  writeFileSync(file, JSON.stringify(session));
  const result = await p.run(['workshop', dilemma.pin.id, '--from', file, '--propose-afspraak'], { SOURCE_DATE_EPOCH: '1794990000', LEERTUIN_RECORD_ID: `w${dilemma.pin.id.slice(0, 4).replace(/[^a-z0-9]/g, '')}` });
  expect(result.status, result.stderr).toBe(0);
  mkdirSync(join(p.cwd, 'dilemmas'), { recursive: true });
  copyFileSync(join(p.cwd, 'records', `${dilemma.pin.id}.proposed.yaml`), join(p.cwd, 'dilemmas', `${dilemma.pin.id}.yaml`));
}
