import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inProcessWorkspace } from '../helpers/records.js';

/** Three copies of one record under other names are one record: verify says so, review counts it once. */
describe('copies of a record', () => {
  it('verify names each copy and its original; review counts one record and says how many it skipped', async () => {
    const { cwd, run, walk } = await inProcessWorkspace();
    const original = await walk({ args: ['--out', 'records'] });
    copyFileSync(original, join(cwd, 'records', 'kopie-1.md'));
    copyFileSync(original, join(cwd, 'records', 'kopie-2.md'));

    const verify = await run(['verify', '--json', '--allowed-signers', 'allowed_signers', 'records']);
    const results = (JSON.parse(verify.stdout) as { results: { file: string; status: string; warnings: string[] }[] }).results;
    expect(results.map((r) => r.status)).toEqual(['ok', 'ok', 'ok']);
    const copies = results.filter((r) => r.file.includes('kopie'));
    expect(copies).toHaveLength(2);
    for (const copy of copies) expect(copy.warnings).toEqual(expect.arrayContaining([expect.stringMatching(/^duplicate-of:/), 'file-name-mismatch']));
    expect(results.filter((r) => r.warnings.some((w) => w.startsWith('duplicate-of:')))).toHaveLength(2);
    const text = await run(['verify', '--allowed-signers', 'allowed_signers', 'records']);
    expect(text.stdout).toMatch(/kopie van .* \(zelfde id\)/);

    const review = await run(['review', '--json', '--allowed-signers', 'allowed_signers', 'records']);
    const report = JSON.parse(review.stdout) as { totals: { files: number; included: number; duplicates: number }; groups: { records: number }[] };
    expect(report.totals).toMatchObject({ files: 3, included: 1, duplicates: 2 });
    expect(report.groups.map((g) => g.records)).toEqual([1]);
    const table = await run(['review', '--allowed-signers', 'allowed_signers', 'records']);
    expect(table.stdout).toContain('2 kopieën van een ander verslag overgeslagen (zelfde id)');
  });
});
