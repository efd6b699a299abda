import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inProcessWorkspace } from '../helpers/records.js';

/** Two regions' record folders in one review, broken down by project or by organisation. */
describe('review --by', () => {
  it('several record folders; a breakdown by project, by organisation; the records folder without a path', async () => {
    const { cwd, run, walk } = await inProcessWorkspace();
    const walkAs = (organisation: string, out: string) => walk({ organisation, args: ['--out', out] });
    mkdirSync(join(cwd, 'noord'));
    mkdirSync(join(cwd, 'zuid'));
    await walkAs('Gemeente Noord', 'noord/records');
    await walkAs('GGZ Noord', 'noord/records');
    await walkAs('Gemeente Zuid', 'zuid/records');

    const byProject = JSON.parse((await run(['review', '--json', '--allowed-signers', 'allowed_signers', '--by', 'project', 'noord/records', 'zuid/records'])).stdout);
    expect(byProject.breakdown).toBe('project');
    expect(byProject.groups[0].by_domain.map((d: { domain: string; records: number }) => [d.domain, d.records])).toEqual([['noord/records', 2], ['zuid/records', 1]]);
    const byOrganisation = JSON.parse((await run(['review', '--json', '--allowed-signers', 'allowed_signers', '--by', 'organisation', 'noord/records', 'zuid/records'])).stdout);
    expect(byOrganisation.groups[0].by_domain.map((d: { domain: string }) => d.domain).sort()).toEqual(['Gemeente Noord', 'Gemeente Zuid', 'GGZ Noord'].sort());
    const table = await run(['review', '--format', 'md', '--allowed-signers', 'allowed_signers', '--by', 'organisation', 'noord/records', 'zuid/records']);
    expect(table.stdout).toContain('### Per organisatie');

    const refused = await run(['review', '--by', 'organisation', '--anonymous', 'noord/records']);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/--by organisation past niet bij --anonymous/);

    // Without a path: the records folder (here ./records, as no project says otherwise).
    await walkAs('Gemeente Midden', 'records');
    const plain = JSON.parse((await run(['review', '--json', '--allowed-signers', 'allowed_signers'])).stdout);
    expect(plain.totals.files).toBe(1);
  });
});
