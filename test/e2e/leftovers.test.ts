import { copyFileSync, existsSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inProcessWorkspace } from '../helpers/records.js';

/** Issue 17 item 7: leftovers of interrupted writes and links in a records folder. */
describe('temporary files of an interrupted write', () => {
  it('verify and review name a leftover and a linked .md, and count neither as a record', async () => {
    const ws = await inProcessWorkspace();
    const record = await ws.walk({ args: ['--out', 'records'] });
    const dir = join(ws.cwd, 'records');
    const leftover = join(dir, '.2026-01-01-oefening-abc123.md.0123456789ab.tmp');
    copyFileSync(record, leftover);
    const link = join(dir, 'link.md');
    symlinkSync(record, link);
    // Another hidden file is no leftover of leertuin's: passed over without a word, as before.
    writeFileSync(join(dir, '.notities.md'), 'x');

    const verify = await ws.run(['verify', 'records']);
    expect(verify.status, verify.stderr).toBe(0);
    expect(verify.stderr).toContain(`${leftover} overgeslagen: over van een onderbroken schrijfactie, geen verslag; je mag het verwijderen`);
    expect(verify.stderr).toContain(`${link} overgeslagen: dit is een link, en een link kan buiten de map wijzen`);
    expect(verify.stderr).not.toContain('.notities.md');
    expect(verify.stdout.split('\n').filter((line) => line.startsWith('ok'))).toHaveLength(1);

    const json = JSON.parse((await ws.run(['verify', 'records', '--json'])).stdout) as { total: number; skipped: { file: string; reason: string }[] };
    expect(json.total).toBe(1);
    expect(json.skipped).toEqual([
      { file: leftover, reason: 'interrupted-write' },
      { file: link, reason: 'link' },
    ]);

    const review = await ws.run(['review', 'records', '--lang', 'en']);
    expect(review.status, review.stderr).toBe(0);
    expect(review.stderr).toContain(`${leftover} skipped: left over from an interrupted write, not a record; you may delete it`);
    expect(review.stderr).toContain(`${link} skipped: it is a link, and a link could point outside the folder`);

    rmSync(leftover);
    rmSync(link);
    expect((await ws.run(['verify', 'records'])).stderr).not.toContain('overgeslagen');
    expect(existsSync(record)).toBe(true);
  });
});
