import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN } from '../helpers/cli.js';
import { signingWorkspace } from '../helpers/records.js';

/** Issue 17 items 6 and 7: late signals, leftovers of interrupted writes, links in a records folder. */

/** Runs the binary and sends `signal` as soon as stderr shows `when`; resolves with how it ended. */
function killWhen(args: string[], cwd: string, env: NodeJS.ProcessEnv, when: RegExp, signal: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    let sent = false;
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += String(chunk);
      if (!sent && when.test(stderr)) {
        sent = true;
        child.kill(signal);
      }
    });
    child.on('exit', (code, received) => resolve({ code, signal: received, stderr }));
  });
}

describe('a signal after the record was saved', () => {
  it.each(['SIGINT', 'SIGTERM', 'SIGHUP'] as const)('%s right after "✓ … opgeslagen": exit 0, the record on disk (10 rounds)', async (signal) => {
    const ws = signingWorkspace();
    ws.walk({ args: ['--out', 'eerste'] }); // writes a.json, the answers of a real path
    for (let round = 0; round < 10; round++) {
      const out = join(ws.cwd, `ronde-${round}`);
      const result = await killWhen(['walk', '--answers', 'a.json', '--out', out], ws.cwd, ws.env, /✓ Ondertekend verslag opgeslagen/, signal);
      expect({ round, code: result.code, signal: result.signal }).toEqual({ round, code: 0, signal: null });
      expect(readdirSync(out).filter((name) => name.endsWith('.md'))).toHaveLength(1);
    }
  }, 60_000);
});

describe('temporary files of an interrupted write', () => {
  it('review --out stopped halfway by SIGTERM: exit 143 and no .<name>.<hex>.tmp left', async () => {
    const ws = signingWorkspace();
    const record = ws.walk({ args: ['--out', 'bron'] });
    const records = join(ws.cwd, 'veel');
    mkdirSync(records);
    for (let i = 0; i < 400; i++) copyFileSync(record, join(records, `kopie-${String(i).padStart(3, '0')}.md`));
    const out = join(ws.cwd, 'uit');
    mkdirSync(out);
    // The CSV file is open from the start; the kill comes while records are still being read.
    const child = spawn(process.execPath, [BIN, 'review', records, '--format', 'csv', '--out', join(out, 'overzicht.csv')], { cwd: ws.cwd, env: ws.env, stdio: 'ignore' });
    const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
    for (let waited = 0; waited < 200 && readdirSync(out).length === 0; waited++) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(readdirSync(out)[0], 'the temporary file was made').toMatch(/^\.overzicht\.csv\.[0-9a-f]{12}\.tmp$/);
    child.kill('SIGTERM');
    const { code, signal } = await ended;
    expect(code === 143 || signal === 'SIGTERM', `exit ${code} ${signal}`).toBe(true);
    expect(readdirSync(out)).toEqual([]);
  }, 60_000);

  it('verify and review name a leftover and a linked .md, and count neither as a record', () => {
    const ws = signingWorkspace();
    const record = ws.walk({ args: ['--out', 'records'] });
    const dir = join(ws.cwd, 'records');
    const leftover = join(dir, '.2026-01-01-oefening-abc123.md.0123456789ab.tmp');
    copyFileSync(record, leftover);
    const link = join(dir, 'link.md');
    symlinkSync(record, link);
    // Another hidden file is no leftover of leertuin's: passed over without a word, as before.
    writeFileSync(join(dir, '.notities.md'), 'x');

    const verify = ws.run(['verify', 'records']);
    expect(verify.status, verify.stderr).toBe(0);
    expect(verify.stderr).toContain(`${leftover} overgeslagen: over van een onderbroken schrijfactie, geen verslag; je mag het verwijderen`);
    expect(verify.stderr).toContain(`${link} overgeslagen: dit is een link, en een link kan buiten de map wijzen`);
    expect(verify.stderr).not.toContain('.notities.md');
    expect(verify.stdout.split('\n').filter((line) => line.startsWith('ok'))).toHaveLength(1);

    const json = JSON.parse(ws.run(['verify', 'records', '--json']).stdout) as { total: number; skipped: { file: string; reason: string }[] };
    expect(json.total).toBe(1);
    expect(json.skipped).toEqual([
      { file: leftover, reason: 'interrupted-write' },
      { file: link, reason: 'link' },
    ]);

    const review = ws.run(['review', 'records', '--lang', 'en']);
    expect(review.status, review.stderr).toBe(0);
    expect(review.stderr).toContain(`${leftover} skipped: left over from an interrupted write, not a record; you may delete it`);
    expect(review.stderr).toContain(`${link} skipped: it is a link, and a link could point outside the folder`);

    rmSync(leftover);
    rmSync(link);
    expect(ws.run(['verify', 'records']).stderr).not.toContain('overgeslagen');
    expect(existsSync(record)).toBe(true);
  });
});
