import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

/**
 * A build never leaves dist/ half written for a `leertuin` that starts meanwhile (a linked install
 * crashed with ENOENT while `npm test` rebuilt). In a copy of the repository, so the suite's own
 * dist/ is left alone: the binary starts again and again while scripts/build.js runs.
 */
describe('npm run build swaps dist/ in whole', () => {
  it('a leertuin started during a build always runs', async () => {
    const clone = join(mkdtempSync(join(tmpdir(), 'leertuin-build-')), 'clone');
    cpSync(ROOT, clone, { recursive: true, filter: (from) => !['.git', 'node_modules', '.dist-build'].some((name) => from === join(ROOT, name)) && !from.startsWith(join(ROOT, '.dist-old-')) });
    symlinkSync(join(ROOT, 'node_modules'), join(clone, 'node_modules'));
    const env = { ...process.env, HOME: clone, XDG_CACHE_HOME: join(clone, '.cache'), XDG_CONFIG_HOME: join(clone, '.config') };

    // The bundles and the swap are the point here; the type check is its own step.
    const build = spawn(process.execPath, [join(clone, 'scripts', 'build.js')], { cwd: clone, stdio: 'ignore', env: { ...process.env, LEERTUIN_SKIP_TYPECHECK: '1' } });
    const built = new Promise<number | null>((done) => build.on('exit', done));
    let running = true;
    void built.then(() => (running = false));
    const failures: string[] = [];
    let runs = 0;
    while (running) {
      const run = spawnSync(process.execPath, [join(clone, 'bin', 'leertuin.cjs'), 'list'], { cwd: clone, env, encoding: 'utf8' });
      runs++;
      if (run.status !== 0) failures.push(run.stderr.split('\n').slice(0, 2).join(' '));
      // A run every tenth of a second: a dist/ missing or half written for longer than that is caught,
      // and the build keeps a core to itself on a two-core machine.
      await new Promise((next) => setTimeout(next, 100));
    }
    expect(await built).toBe(0);
    expect(runs).toBeGreaterThan(10);
    expect(failures).toEqual([]);
  }, 180_000);
});
