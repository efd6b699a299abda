import { spawn } from 'node:child_process';
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN } from '../helpers/cli.js';
import { runInProcess } from '../helpers/in-process.js';
import { inProcessWorkspace } from '../helpers/records.js';

function countersign(cwd: string, env: NodeJS.ProcessEnv, file: string, who: string): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, 'countersign', file, '--verdict', 'agree', '--note', `Akkoord, ${who}.`, '--name', who, '--role', 'trainer'], { cwd, env, stdio: 'ignore' });
    child.on('close', (code) => resolve(code ?? -1));
  });
}

/**
 * Countersigns of one record at the same moment: every signature that reports success is in the
 * file. The countersigns are processes of the built binary; set-up and verify run in-process.
 * Four at once, not two: with the lock taken out, two at once lost a signature in 3 of 20 rounds,
 * four at once in 7 of 10. So 6 rounds of four miss a missing lock about once in 1,400 runs
 * (0.3^6), and start fewer processes than 20 rounds of two, which miss it far more often.
 */
describe('concurrent countersigns', () => {
  it('6 rounds of four at once: each exit 0 left its signature, and the chain verifies', async () => {
    const { cwd, env, walk } = await inProcessWorkspace();
    const original = await walk({ args: ['--out', 'records'] });
    const all = { ...env, LEERTUIN_ALLOWED_SIGNERS: join(cwd, 'allowed_signers') };

    for (let round = 0; round < 6; round++) {
      const file = join(cwd, `ronde-${round}.md`);
      copyFileSync(original, file);
      const codes = await Promise.all(['Anna', 'Bram', 'Cor', 'Dirk'].map((who) => countersign(cwd, all, file, who)));
      const text = readFileSync(file, 'utf8');
      const signatures = text.split('<!-- leertuin-signature').length - 1;
      expect(signatures, `round ${round}: exits ${codes.join(', ')}`).toBe(1 + codes.filter((c) => c === 0).length);
      for (const code of codes) expect([0, 1, 2]).toContain(code);
      const verify = await runInProcess(['verify', '--json', file], { env: all, cwd });
      expect((JSON.parse(verify.stdout) as { results: { status: string }[] }).results[0]!.status, `round ${round}`).toBe('ok');
    }
  }, 120_000);
});
