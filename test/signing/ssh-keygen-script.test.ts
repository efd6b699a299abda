import { spawnSync } from 'node:child_process';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/home.js';
import { inProcessWorkspace } from '../helpers/records.js';
import { missing } from '../helpers/tools.js';

const SCRIPT = join(ROOT, 'scripts', 'verify-with-ssh-keygen.sh');

/**
 * scripts/verify-with-ssh-keygen.sh checks records without leertuin. It and `leertuin verify` must
 * agree on every case: what one accepts the other accepts, what one rejects the other rejects.
 */
describe.skipIf(missing('ssh-keygen'))('scripts/verify-with-ssh-keygen.sh agrees with leertuin verify', () => {
  let ws: Awaited<ReturnType<typeof inProcessWorkspace>>;
  const cases: Record<string, { file: string; ok: boolean }> = {};

  beforeAll(async () => {
    ws = await inProcessWorkspace();
    const record = await ws.walk();
    const at = (name: string) => join(ws.cwd, name);
    copyFileSync(record, at('valid.md'));
    copyFileSync(record, at('countersigned.md'));
    const sign = await ws.run(['countersign', 'countersigned.md', '--verdict', 'agree', '--note', 'Goed onderbouwd.', '--name', 'Fee', '--role', 'FG']);
    expect(sign.status, sign.stderr).toBe(0);
    const countersigned = readFileSync(at('countersigned.md'), 'utf8');
    expect(countersigned.match(/^<!-- leertuin-signature$/gm)).toHaveLength(2);
    // The reviewer's verdict, changed after the countersignature: only the second signature breaks.
    const changed = countersigned.replace('"verdict":"agree"', '"verdict":"disagree"');
    expect(changed).not.toBe(countersigned);
    writeFileSync(at('verdict-changed.md'), changed);
    writeFileSync(at('crlf.md'), countersigned.replace(/\n/g, '\r\n'));
    const valid = readFileSync(at('valid.md'), 'utf8');
    const tampered = valid.replace(/^(outcome:\n(?: {2}.*\n)*? {2}label: ")/m, '$1Anders: ');
    expect(tampered).not.toBe(valid);
    writeFileSync(at('tampered.md'), tampered);
    Object.assign(cases, {
      valid: { file: 'valid.md', ok: true },
      countersigned: { file: 'countersigned.md', ok: true },
      'countersigned, verdict changed after signing': { file: 'verdict-changed.md', ok: false },
      'CRLF line endings': { file: 'crlf.md', ok: true },
      tampered: { file: 'tampered.md', ok: false },
    });
  });

  const script = (...files: string[]) => spawnSync('bash', [SCRIPT, ...files], { cwd: ws.cwd, env: ws.env, encoding: 'utf8' });

  for (const name of ['valid', 'countersigned', 'countersigned, verdict changed after signing', 'CRLF line endings', 'tampered']) {
    it(name, async () => {
      const { file, ok } = cases[name]!;
      const viaScript = script(file);
      const viaLeertuin = await ws.run(['verify', file]);
      expect(viaScript.status, viaScript.stdout + viaScript.stderr).toBe(ok ? 0 : 1);
      expect(viaLeertuin.status, viaLeertuin.stdout + viaLeertuin.stderr).toBe(ok ? 0 : 1);
    });
  }

  it('checks every signature: one line each, the countersignature named', () => {
    const run = script('countersigned.md', 'verdict-changed.md');
    expect(run.stdout).toMatch(/countersigned\.md: signature 1 ok \(trainer@voorbeeld\.nl\)/);
    expect(run.stdout).toMatch(/countersigned\.md: signature 2 ok/);
    expect(run.stdout).toMatch(/verdict-changed\.md: signature 1 ok/);
    expect(run.stdout).toMatch(/verdict-changed\.md: signature 2 FAILED/);
    expect(run.status).toBe(1);
  });

  it('takes several files: 0 only when every one checks', () => {
    expect(script('valid.md', 'countersigned.md', 'crlf.md').status).toBe(0);
    expect(script('valid.md', 'tampered.md', 'crlf.md').status).toBe(1);
  });

  it('an untrusted signer fails, and a usage error is exit 2', () => {
    writeFileSync(join(ws.cwd, 'nobody'), '');
    expect(spawnSync('bash', [SCRIPT, '-f', 'nobody', 'valid.md'], { cwd: ws.cwd, encoding: 'utf8' }).status).toBe(1);
    expect(script().status).toBe(2);
  });
});
