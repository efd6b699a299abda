import { describe, expect, it } from 'vitest';
import { Catalog } from '../../src/dilemma/catalog.js';
import { PathModel } from '../../src/authoring/paths.js';
import { agree, PLACEHOLDERS, project } from '../afspraken/helpers.js';

/** A signed workshop record in the folder is never "read 1, counted 0" without a word. */
describe('review and workshop records', () => {
  it('names the workshop record with why it is not counted among the individual walks', async () => {
    const p = await project('leertuin-review-workshop-');
    const dilemma = new Catalog([]).dilemma('zvh-alles-delen');
    const [path] = new PathModel(dilemma.tree, PLACEHOLDERS).paths();
    await agree(p, dilemma, path!, 'Leertuin Noord');
    await p.walk('zvh-alles-delen', path!, 'los1');
    const report = JSON.parse((await p.run(['review', '--json', 'records'])).stdout) as { totals: { files: number; included: number }; flagged: { code: string; reason: string; included: boolean }[] };
    expect(report.totals).toMatchObject({ files: 2, included: 1 });
    const workshop = report.flagged.find((f) => f.code === 'workshop-record');
    expect(workshop).toMatchObject({ included: false });
    expect(workshop!.reason).toMatch(/^a group's answer \(9 participants, outcome [a-z-]+\): not counted with individual records/);
    const table = (await p.run(['review', '--format', 'md', 'records'])).stdout;
    expect(table).toContain('workshop-record');
  });
});
