import { spawn } from 'node:child_process';
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, runCli } from '../helpers/cli.js';
import { signingWorkspace } from '../helpers/records.js';

function countersign(cwd: string, env: NodeJS.ProcessEnv, file: string, who: string): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, 'countersign', file, '--verdict', 'agree', '--note', `Akkoord, ${who}.`, '--name', who, '--role', 'trainer'], { cwd, env, stdio: 'ignore' });
    child.on('close', (code) => resolve(code ?? -1));
  });
}

/** Two countersigns of one record at the same moment: every signature that reports success is in the file. */
describe('concurrent countersigns', () => {
  it('20 rounds of two at once: each exit 0 left its signature, and the chain verifies', async () => {
    const { cwd, env, walk } = signingWorkspace();
    const original = walk({ args: ['--out', 'records'] });
    const all = { ...env, LEERTUIN_ALLOWED_SIGNERS: join(cwd, 'allowed_signers') };

    for (let round = 0; round < 20; round++) {
      const file = join(cwd, `ronde-${round}.md`);
      copyFileSync(original, file);
      const codes = await Promise.all([countersign(cwd, all, file, 'Anna'), countersign(cwd, all, file, 'Bram')]);
      const text = readFileSync(file, 'utf8');
      const signatures = text.split('<!-- leertuin-signature').length - 1;
      expect(signatures, `round ${round}: exits ${codes.join(', ')}`).toBe(1 + codes.filter((c) => c === 0).length);
      for (const code of codes) expect([0, 1, 2]).toContain(code);
      const verify = runCli(['verify', '--json', file], { env: all, cwd });
      expect((JSON.parse(verify.stdout) as { results: { status: string }[] }).results[0]!.status, `round ${round}`).toBe('ok');
    }
  }, 120_000);
});
