import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

/** `npm test` on a machine without a browser: skipped with the install command, unless under CI. */
describe('tests that need a program that is not installed', () => {
  const suite = (ci: boolean) => {
    const env: NodeJS.ProcessEnv = { ...process.env, CHROMIUM_PATH: '/nonexistent/chromium', LEERTUIN_TEST_NO_BUILD: '1' };
    delete env.CI;
    if (ci) env.CI = 'true';
    return spawnSync(process.execPath, [`${ROOT}/node_modules/vitest/vitest.mjs`, 'run', 'test/review/html-chromium.test.ts'], { cwd: ROOT, env, encoding: 'utf8', timeout: 120_000 });
  };

  it('are skipped with one line naming the install command, and the run passes', () => {
    const run = suite(false);
    expect(run.status, run.stdout + run.stderr).toBe(0);
    expect(run.stdout + run.stderr).toContain('skipped: tests that need chromium: chromium is not installed; install it with: apt-get install chromium');
    expect(run.stdout).toMatch(/skipped/);
  }, 120_000);

  it('fail the run under CI', () => {
    const run = suite(true);
    expect(run.status).not.toBe(0);
    expect(run.stdout + run.stderr).toContain('CI needs every test: chromium is not installed (install it with: apt-get install chromium)');
  }, 120_000);
});
