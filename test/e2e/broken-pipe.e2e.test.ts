import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN } from '../helpers/cli.js';
import { inProcessWorkspace } from '../helpers/records.js';

/** `verify … | head -1` with every record ok: a reader that stops early is not a failed check. */
describe('a reader that stops early', () => {
  it('verify exits 141 (or 0), never 1, and prints no error', async () => {
    const { cwd, env, walk } = await inProcessWorkspace();
    const record = await walk();
    mkdirSync(join(cwd, 'veel'));
    for (let i = 0; i < 3000; i++) copyFileSync(record, join(cwd, 'veel', `r${String(i).padStart(4, '0')}.md`));
    const piped = spawnSync('bash', ['-c', `set -o pipefail; "${process.execPath}" "${BIN}" verify --allowed-signers allowed_signers veel | head -1`], { cwd, env, encoding: 'utf8', timeout: 60_000 });
    expect([0, 141], piped.stderr).toContain(piped.status);
    expect(piped.stdout.split('\n')[0]).toMatch(/^ok\s/);
    expect(piped.stderr).not.toMatch(/Onverwachte fout|Unexpected error|EPIPE/);
  }, 90_000);
});
