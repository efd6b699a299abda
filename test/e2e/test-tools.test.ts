import { spawn } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

/** `npm test` on a machine without a browser: skipped with the install command, unless under CI. */
describe('tests that need a program that is not installed', () => {
  type Run = { status: number | null; stdout: string; output: string };
  const suite = (ci: boolean): Promise<Run> => {
    const env: NodeJS.ProcessEnv = { ...process.env, CHROMIUM_PATH: '/nonexistent/chromium', LEERTUIN_TEST_NO_BUILD: '1' };
    delete env.CI;
    if (ci) env.CI = 'true';
    return new Promise((resolve) => {
      const child = spawn(process.execPath, [`${ROOT}/node_modules/vitest/vitest.mjs`, 'run', 'test/review/html-chromium.test.ts'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += String(chunk)));
      child.stderr.on('data', (chunk: Buffer) => (stderr += String(chunk)));
      child.on('close', (status) => resolve({ status, stdout, output: stdout + stderr }));
    });
  };
  // Both suites side by side: each spends most of its time starting vitest.
  let plain: Run;
  let underCi: Run;
  beforeAll(async () => {
    [plain, underCi] = await Promise.all([suite(false), suite(true)]);
  }, 120_000);

  it('are skipped with one line naming the install command, and the run passes', () => {
    expect(plain.status, plain.output).toBe(0);
    expect(plain.output).toContain('skipped: tests that need chromium: chromium is not installed; install it with: apt-get install chromium');
    expect(plain.stdout).toMatch(/skipped/);
  });

  it('fail the run under CI', () => {
    expect(underCi.status).not.toBe(0);
    expect(underCi.output).toContain('CI needs every test: chromium is not installed (install it with: apt-get install chromium)');
  });
});
