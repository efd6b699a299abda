import { bumpVersion } from '../../src/workshop/proposal.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PathModel, type TreePath } from '../../src/authoring/paths.js';
import { Catalog } from '../../src/dilemma/catalog.js';
import type { LoadedDilemma } from '../../src/dilemma/model.js';
import { PLACEHOLDERS, agree, project } from './helpers.js';

/** Two bundled dilemmas that walk a kader, each with two paths to different outcomes: all derived from the trees. */
function twoDilemmas(): { dilemma: LoadedDilemma; agreed: TreePath; other: TreePath }[] {
  const found = new Catalog([]).dilemmas().filter((d) => d.kader !== undefined).slice(0, 2);
  return found.map((dilemma) => {
    const paths = new PathModel(dilemma.tree, PLACEHOLDERS).paths();
    const agreed = paths.next().value as TreePath;
    let other = paths.next().value as TreePath;
    while (other.outcome === agreed.outcome) other = paths.next().value as TreePath;
    return { dilemma, agreed, other };
  });
}

const cases = twoDilemmas();

describe('leertuin afspraken', () => {
  it('lists both agreed dilemmas with who agreed, and counts the records that departed since, with their reasons', async () => {
    const p = await project('leertuin-afspraken-');
    for (const c of cases) await agree(p, c.dilemma, c.agreed, 'Leertuin Noord');
    const [first, second] = cases as [(typeof cases)[0], (typeof cases)[0]];
    await p.walk(first.dilemma.pin.id, first.agreed, 'a1');
    await p.walk(first.dilemma.pin.id, first.other, 'a2');
    await p.walk(first.dilemma.pin.id, first.other, 'a3');
    await p.walk(first.dilemma.pin.id, first.agreed, 'a4', { deviation: { decision: 'Ik bel eerst de collega.', reason: 'Het gezin vertrouwt de collega.' } });
    await p.walk(second.dilemma.pin.id, second.agreed, 'b1');
    await p.walk(second.dilemma.pin.id, second.other, 'b2');

    const json = await p.run(['afspraken', '--json']);
    expect(json.status, json.stderr).toBe(0);
    const register = JSON.parse(json.stdout);
    expect(register.entries.map((e: { dilemma: { id: string } }) => e.dilemma.id)).toEqual(cases.map((c) => c.dilemma.pin.id).sort());
    const entry = (id: string) => register.entries.find((e: { dilemma: { id: string } }) => e.dilemma.id === id);
    const one = entry(first.dilemma.pin.id);
    expect(one.outcome.id).toBe(first.agreed.outcome);
    expect(one.answers.map((a: { node: string }) => a.node)).toEqual(first.agreed.steps.filter((s) => first.dilemma.tree.nodes.get(s.node)?.kind !== 'text').map((s) => s.node));
    expect(one).toMatchObject({ by: 'Leertuin Noord', date: '2026-11-18', fictitious: false, dilemma: { version: bumpVersion(first.dilemma.pin.version) } });
    expect(one.agreed_in).toMatchObject({ status: 'ok', participants: 9, trainer: { name: 'Trainer T.' }, signers: [{ principal: 'trainer@voorbeeld.nl', trusted: true }] });
    expect(one.since).toMatchObject({ records: 4, same_outcome: 2, other_outcome: 2, deviated: 1 });
    expect(one.since.departing.items).toHaveLength(3);
    const deviating = one.since.departing.items.find((d: { deviation?: unknown }) => d.deviation);
    expect(deviating.deviation.reason).toBe('Het gezin vertrouwt de collega.');
    for (const d of one.since.departing.items.filter((x: { deviation?: unknown }) => !x.deviation)) {
      expect(d.outcome.id).toBe(first.other.outcome);
      expect(d.differs_at.node).toBeDefined();
    }
    expect(entry(second.dilemma.pin.id).since).toMatchObject({ records: 2, same_outcome: 1, other_outcome: 1, deviated: 0 });

    const md = await p.run(['afspraken', '--format', 'md']);
    expect(md.status, md.stderr).toBe(0);
    expect(md.stdout).toContain('# Onze afspraken');
    expect(md.stdout).toContain('4 verslag(en), 2 met een andere uitkomst, 1 anders besloten');
    expect(md.stdout).toContain('Het gezin vertrouwt de collega.');
    const html = await p.run(['afspraken', '--out', 'afspraken.html']);
    expect(html.status, html.stderr).toBe(0);
    const page = readFileSync(join(p.cwd, 'afspraken.html'), 'utf8');
    expect(page).toContain(`content="default-src 'none'; style-src 'unsafe-inline'"`);
    expect(page).not.toMatch(/<script/i);
    expect(page).toContain('<h1>Onze afspraken</h1>');
    // The handout names the outcome's sources by their registry title, each linked to its official text.
    const sources = one.outcome.legal as { text: string; url?: string }[];
    expect(sources.length).toBeGreaterThan(0);
    for (const s of sources.filter((x) => x.url)) expect(page).toContain(`<a href="${s.url}">${s.text.replace(/'/g, '&#39;')}</a>`);
  });

  it('names the dilemma two regions agreed differently on, and the questions where they differ', async () => {
    const north = await project('leertuin-noord-');
    const south = await project('leertuin-zuid-');
    const [same, differ] = cases as [(typeof cases)[0], (typeof cases)[0]];
    await agree(north, same.dilemma, same.agreed, 'Leertuin Noord');
    await agree(south, same.dilemma, same.agreed, 'Leertuin Zuid');
    await agree(north, differ.dilemma, differ.agreed, 'Leertuin Noord');
    await agree(south, differ.dilemma, differ.other, 'Leertuin Zuid');

    const result = await north.run(['afspraken', '--compare', north.cwd, south.cwd, '--json']);
    expect(result.status, result.stderr).toBe(0);
    const comparison = JSON.parse(result.stdout);
    const byId = new Map(comparison.dilemmas.map((d: { id: string }) => [d.id, d]));
    expect(byId.get(same.dilemma.pin.id)).toMatchObject({ same: true, same_outcome: true });
    const d = byId.get(differ.dilemma.pin.id) as { same: boolean; same_outcome: boolean; questions: { node: string; same: boolean }[] };
    expect(d).toMatchObject({ same: false, same_outcome: false });
    const choices = (path: TreePath) => new Map(path.steps.filter((s) => differ.dilemma.tree.nodes.get(s.node)?.kind !== 'text').map((s) => [s.node, JSON.stringify(s.answer)]));
    const a = choices(differ.agreed);
    const b = choices(differ.other);
    const expected = [...new Set([...a.keys(), ...b.keys()])].filter((node) => a.get(node) !== b.get(node)).sort();
    expect(d.questions.filter((q) => !q.same).map((q) => q.node).sort()).toEqual(expected);
    expect(expected.length).toBeGreaterThan(0);

    const table = await north.run(['afspraken', '--compare', south.cwd, '--format', 'table']);
    expect(table.status, table.stderr).toBe(0);
    expect(table.stdout).toMatch(new RegExp(`≠ ${differ.dilemma.pin.id}\\s+verschillend afgesproken`));
    for (const node of expected) expect(table.stdout).toContain(`    ${node}: `);
  });
});
