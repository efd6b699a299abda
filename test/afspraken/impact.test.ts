import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Catalog } from '../../src/dilemma/catalog.js';
import { loadTreeVersion } from '../../src/impact/source.js';
import type { TreePath } from '../../src/authoring/paths.js';
import { buildTree, type Tree } from '../../src/dilemma/model.js';
import type { TreeNode } from '../../src/dilemma/schema.js';
import { diffTrees } from '../../src/impact/diff.js';
import { recordImpact, workshopAsRecord, type TreeVersion } from '../../src/impact/records.js';
import type { WorkshopRecord } from '../../src/workshop/model.js';
import type { DecisionRecord } from '../../src/record/model.js';
import { changedQuestion } from './helpers.js';

const change = changedQuestion(3);
const before = change.kader.tree;

function edited(tree: Tree, id: string, edit: (node: TreeNode) => TreeNode): Tree {
  return buildTree(tree.start, [...tree.nodes.values()].map((n) => (n.id === id ? edit(n) : n)), tree.languages);
}

/** The same change the e2e test makes in YAML: option 0 renamed, option 1 straight to an outcome. */
const after = edited(before, change.node, (n) =>
  n.kind === 'single'
    ? { ...n, options: n.options.map((o, i) => (i === 0 ? { ...o, id: `${o.id}-nieuw` } : i === 1 ? { ...o, next: change.outcome } : o)) }
    : n,
);

const version = (tree: Tree, sha: string): TreeVersion => ({ label: sha, kind: 'kader', pin: { id: change.kader.pin.id, version: '1', sha256: sha.repeat(64) }, tree });
const OLD = version(before, 'a');
const NEW = version(after, 'b');

function record(path: TreePath, sha = 'a'): DecisionRecord {
  const outcome = before.nodes.get(path.outcome)!;
  return {
    dilemma: { id: change.dilemma.pin.id, version: '1', sha256: 'c'.repeat(64) },
    kader: { id: change.kader.pin.id, version: '1', sha256: sha.repeat(64) },
    path: path.steps.map((s) => ({ node: s.node, question: '', answer: s.answer, ...(s.motivation ? { motivation: s.motivation } : {}) })),
    outcome: { id: path.outcome, verdict: outcome.kind === 'outcome' ? outcome.verdict : '', label: '' },
  } as unknown as DecisionRecord;
}

describe('the tree diff', () => {
  it('finds the one changed question, with the rename and the new routing, and nothing else', () => {
    const diff = diffTrees(before, after);
    expect(diff.start).toBeUndefined();
    expect(diff.nodes).toEqual([
      { node: change.node, changes: ['options', 'routing'], options: { added: [], removed: [], renamed: [{ from: change.renamed, to: `${change.renamed}-nieuw` }] } },
    ]);
  });

  it('tells texts, legal references, verdicts, added and removed nodes apart', () => {
    const outcome = [...before.nodes.values()].find((n) => n.kind === 'outcome')!;
    let tree = edited(before, change.node, (n) => ({ ...n, text: 'Een andere vraagtekst', legal: ['AVG art. 6'] }));
    tree = edited(tree, outcome.id, (n) => (n.kind === 'outcome' ? { ...n, verdict: 'iets-anders' } : n));
    tree = buildTree(tree.start, [...tree.nodes.values(), { id: 'nieuwe-uitkomst', kind: 'outcome', verdict: 'x', text: 'Nieuw' }], tree.languages);
    const diff = diffTrees(before, tree);
    expect(diff.nodes).toEqual([
      { node: change.node, changes: expect.arrayContaining(['legal', 'texts']) },
      { node: outcome.id, changes: ['outcome'] },
      { node: 'nieuwe-uitkomst', changes: ['added'] },
    ].sort((a, b) => [...before.nodes.keys(), 'nieuwe-uitkomst'].indexOf(a.node) - [...before.nodes.keys(), 'nieuwe-uitkomst'].indexOf(b.node)));
    expect(diffTrees(tree, before).nodes.find((n) => n.node === 'nieuwe-uitkomst')).toEqual({ node: 'nieuwe-uitkomst', changes: ['removed'] });
  });
});

describe('replaying records on the new tree', () => {
  const diff = diffTrees(before, after);

  it('breaks the path of a record that chose the renamed option, at that question', () => {
    for (const path of change.paths.viaRenamed) {
      const impact = recordImpact(record(path), OLD, NEW, diff);
      expect(impact).toMatchObject({ impact: 'broken-path', touched: [change.node], broken: { node: change.node, code: 'not-an-option', detail: change.renamed } });
    }
  });

  it('changes the outcome of a record whose answer now leads elsewhere, and names the questions no longer asked', () => {
    for (const path of change.paths.viaRedirected) {
      const impact = recordImpact(record(path), OLD, NEW, diff);
      expect(impact.impact).toBe('changed-outcome');
      expect(impact.outcome).toMatchObject({ old: path.outcome, new: change.outcome });
      const after = path.steps.slice(path.steps.findIndex((s) => s.node === change.node) + 1).map((s) => s.node);
      expect(impact.skipped ?? []).toEqual(after);
    }
  });

  it('keeps the outcome of a record that passes the question with another option', () => {
    for (const path of change.paths.viaOther) {
      expect(recordImpact(record(path), OLD, NEW, diff)).toMatchObject({ impact: 'same-outcome', touched: [change.node], outcome: { old: path.outcome, new: path.outcome } });
    }
  });

  it('leaves a record that never passes the question unaffected', () => {
    for (const path of change.paths.notPassing) expect(recordImpact(record(path), OLD, NEW, diff)).toEqual({ impact: 'unaffected', touched: [] });
  });

  it('sets apart records of the new version and of other versions', () => {
    const path = change.paths.viaRenamed[0]!;
    expect(recordImpact(record(path, 'b'), OLD, NEW, diff).impact).toBe('current');
    expect(recordImpact(record(path, 'd'), OLD, NEW, diff).impact).toBe('other-version');
  });

  it('replays a workshop record as the group walked it: choices as answers, arguments as motivations', () => {
    const path = change.paths.viaRenamed[0]!;
    const plain = record(path);
    const workshop = {
      ...plain,
      kind: 'workshop',
      path: path.steps.map((s) => ({ node: s.node, question: '', choice: s.answer, ...(s.motivation ? { arguments: s.motivation } : {}) })),
    } as unknown as WorkshopRecord;
    expect(recordImpact(workshopAsRecord(workshop), OLD, NEW, diff)).toEqual(recordImpact(plain, OLD, NEW, diff));
    const other = change.paths.notPassing[0]!;
    const untouched = { ...workshop, path: other.steps.map((s) => ({ node: s.node, question: '', choice: s.answer, ...(s.motivation ? { arguments: s.motivation } : {}) })), outcome: record(other).outcome } as unknown as WorkshopRecord;
    expect(recordImpact(workshopAsRecord(untouched), OLD, NEW, diff).impact).toBe('unaffected');
  });
});

describe('naming a version', () => {
  it('reads a copy under another name, and an archived version, with the pin of the file itself', () => {
    const dir = mkdtempSync(join(tmpdir(), 'leertuin-impact-names-'));
    copyFileSync(change.kader.path, join(dir, 'oud.yaml'));
    writeFileSync(join(dir, `${change.kader.pin.sha256}.json`), JSON.stringify({ kind: 'kader', data: change.kader.file }, null, 1));
    const catalog = new Catalog([]);
    expect(loadTreeVersion(catalog, 'oud.yaml', dir)).toMatchObject({ kind: 'kader', pin: change.kader.pin });
    expect(loadTreeVersion(catalog, `${change.kader.pin.sha256}.json`, dir)).toMatchObject({ kind: 'kader', pin: change.kader.pin });
    expect(loadTreeVersion(catalog, change.dilemma.path, dir)).toMatchObject({ kind: 'kader', pin: change.kader.pin });
    expect(loadTreeVersion(catalog, change.kader.pin.id, dir)).toMatchObject({ kind: 'kader', pin: change.kader.pin });
    expect(() => loadTreeVersion(catalog, 'nergens.yaml', dir)).toThrow(/nergens\.yaml/);
    expect(() => loadTreeVersion(catalog, `${change.kader.pin.id}@HEAD`, dir)).toThrow(/mag-ik-delen|${change.kader.pin.id}/);
  });
});
