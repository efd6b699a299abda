import { spawn } from 'node:child_process';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { ROOT } from '../helpers/cli.js';
import { missing } from '../helpers/tools.js';

/** `npm test` on a machine without a browser: skipped with the install command, unless under CI. */
describe('tests that need a program that is not installed', () => {
  type Run = { status: number | null; stdout: string; output: string };
  // The suite as a machine without chromium runs it (outside CI): vitest itself, on the file that needs it.
  let plain: Run;
  beforeAll(async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, CHROMIUM_PATH: '/nonexistent/chromium' };
    delete env.CI;
    plain = await new Promise((resolve) => {
      const child = spawn(process.execPath, [`${ROOT}/node_modules/vitest/vitest.mjs`, 'run', 'test/review/html-chromium.e2e.test.ts'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += String(chunk)));
      child.stderr.on('data', (chunk: Buffer) => (stderr += String(chunk)));
      child.on('close', (status) => resolve({ status, stdout, output: stdout + stderr }));
    });
  }, 120_000);

  it('are skipped with one line naming the install command, and the run passes', () => {
    expect(plain.status, plain.output).toBe(0);
    expect(plain.output).toContain('skipped: tests that need chromium: chromium is not installed; install it with: apt-get install chromium');
    expect(plain.stdout).toMatch(/skipped/);
  });

  it('fail the run under CI: the check that would skip them throws, so the file fails', () => {
    vi.stubEnv('CHROMIUM_PATH', '/nonexistent/chromium');
    vi.stubEnv('CI', 'true');
    try {
      expect(() => missing('chromium')).toThrow('CI needs every test: chromium is not installed (install it with: apt-get install chromium)');
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
