import type { Pin, Tree } from '../dilemma/model.js';
import type { DecisionRecord } from '../record/model.js';
import { WalkError, replay, type GivenAnswer } from '../walk/engine.js';
import type { WorkshopRecord } from '../workshop/model.js';
import type { TreeDiff } from './diff.js';

/** One version of a tree to compare: what a record pins (the kader's pin when there is one) and the tree. */
export interface TreeVersion {
  /** What the user named: a file, or `<id>@<revision>`. */
  label: string;
  kind: 'kader' | 'dilemma';
  pin: Pin;
  tree: Tree;
}

/**
 * What a change of tree means for one record, replaying its answers on the new tree:
 * - `changed-outcome`: its answers now lead to another outcome (or verdict);
 * - `broken-path`: its answers no longer make a walk (an option gone, a new question, ...), at `broken.node`;
 * - `same-outcome`: its path passes a changed node, but it ends where it did;
 * - `unaffected`: its path passes no changed node;
 * - `current`: it already walked the new version;
 * - `other-version`: it walked neither version (another tree, or another version of this one).
 */
export const IMPACTS = ['changed-outcome', 'broken-path', 'same-outcome', 'unaffected', 'current', 'other-version'] as const;
export type Impact = (typeof IMPACTS)[number];

export interface RecordImpact {
  impact: Impact;
  /** The changed nodes its path passes, in path order. */
  touched: string[];
  outcome?: { old: string; new: string; old_verdict: string; new_verdict: string };
  broken?: { node: string; code: string; detail?: string };
  /** Questions the record answered that the new tree no longer asks on its route. */
  skipped?: string[];
}

/** What replaying needs of a record: its pins, its answers and its outcome (a workshop's group path fits too). */
export interface ReplayableRecord extends Pick<DecisionRecord, 'dilemma' | 'kader' | 'outcome'> {
  path: readonly { node: string; answer: string | readonly string[]; motivation?: string | undefined }[];
}

/** A workshop record as a replayable one: the group's choices are its answers, its arguments its motivations. */
export function workshopAsRecord(workshop: WorkshopRecord): ReplayableRecord {
  return { ...workshop, path: workshop.path.map((e) => ({ node: e.node, answer: e.choice, ...(e.arguments ? { motivation: e.arguments } : {}) })) };
}

function answersOf(record: ReplayableRecord): Map<string, GivenAnswer> {
  return new Map(record.path.map((e) => [e.node, e.motivation ? { answer: e.answer, motivation: e.motivation } : { answer: e.answer }]));
}

/** Every node a record passes on `tree`, information nodes and its outcome included. */
function visited(tree: Tree, record: ReplayableRecord): string[] {
  try {
    const state = replay(tree, answersOf(record));
    return [...state.steps.map((s) => s.node), state.at];
  } catch (error) {
    // A record whose path does not replay on its own tree (verify says replay-mismatch): its own list then.
    if (!(error instanceof WalkError)) throw error;
    return [...record.path.map((e) => e.node), record.outcome.id];
  }
}

/** The impact of going from `before` to `after` on a record. */
export function recordImpact(record: ReplayableRecord, before: TreeVersion, after: TreeVersion, diff: TreeDiff): RecordImpact {
  const pinned = record.kader ?? record.dilemma;
  const walked = (version: TreeVersion) => pinned.sha256 === version.pin.sha256 && (record.kader !== undefined) === (version.kind === 'kader');
  if (!walked(before)) return { impact: walked(after) ? 'current' : 'other-version', touched: [] };
  const changed = new Set(diff.nodes.map((n) => n.node));
  const touched = visited(before.tree, record).filter((node) => changed.has(node));
  if (touched.length === 0 && !diff.start) return { impact: 'unaffected', touched };
  const answers = answersOf(record);
  const skipped: string[] = [];
  for (;;) {
    try {
      const state = replay(after.tree, answers);
      const end = after.tree.nodes.get(state.at);
      const verdict = end?.kind === 'outcome' ? end.verdict : '';
      const outcome = { old: record.outcome.id, new: state.at, old_verdict: record.outcome.verdict, new_verdict: verdict };
      const differs = outcome.old !== outcome.new || outcome.old_verdict !== outcome.new_verdict;
      return { impact: differs ? 'changed-outcome' : 'same-outcome', touched, outcome, ...(skipped.length > 0 ? { skipped } : {}) };
    } catch (error) {
      if (!(error instanceof WalkError)) throw error;
      // A shorter route now reaches an outcome before some of the record's questions: those answers are no longer asked.
      if (error.code === 'off-path' && answers.delete(error.node)) {
        skipped.push(error.node);
        continue;
      }
      return { impact: 'broken-path', touched, broken: { node: error.node, code: error.code, ...(error.detail ? { detail: error.detail } : {}) } };
    }
  }
}
