import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, freshHome, runCli } from '../helpers/cli.js';

/** `verify … | head -1` with every record ok: a reader that stops early is not a failed check. */
describe('a reader that stops early', () => {
  it('verify exits 141 (or 0), never 1, and prints no error', () => {
    const { home, env } = freshHome();
    const cwd = join(home, 'work');
    const run = (args: string[]) => runCli(args, { env, cwd });
    const keygen = run(['keygen', '--principal', 'trainer@voorbeeld.nl']);
    writeFileSync(join(cwd, 'allowed_signers'), keygen.stdout);
    const listed = JSON.parse(run(['lint', '--paths', '--json', '--limit', '1']).stdout) as { paths: { dilemma?: string; answers: object }[] };
    const path = listed.paths.find((p) => p.dilemma)!;
    writeFileSync(join(cwd, 'a.json'), JSON.stringify({ dilemma: path.dilemma, author: { name: 'Oefenaar', role: 'professional', domain: 'zorg', organisation: 'Oefen' }, answers: path.answers }));
    const record = run(['walk', '--answers', 'a.json']).stdout.trim();
    mkdirSync(join(cwd, 'veel'));
    for (let i = 0; i < 3000; i++) copyFileSync(record, join(cwd, 'veel', `r${String(i).padStart(4, '0')}.md`));
    const piped = spawnSync('bash', ['-c', `set -o pipefail; "${process.execPath}" "${BIN}" verify --allowed-signers allowed_signers veel | head -1`], { cwd, env, encoding: 'utf8', timeout: 60_000 });
    expect([0, 141], piped.stderr).toContain(piped.status);
    expect(piped.stdout.split('\n')[0]).toMatch(/^ok\s/);
    expect(piped.stderr).not.toMatch(/Onverwachte fout|Unexpected error|EPIPE/);
  }, 90_000);
});
