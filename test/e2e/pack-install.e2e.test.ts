import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, readFileSync, readdirSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

/**
 * The build and the package, in a copy of the repository (so the suite's own dist/ is left alone),
 * with one build for all of it: a source file is changed, then `npm pack` builds (prepack) while a
 * `leertuin` starts again and again, packs a package.json without install scripts, and
 * `npm install -g <tarball>` installs it quietly.
 */
// Neither the build nor the package reads the tests (nor what they and coverage write).
const NOT_COPIED = ['.git', 'node_modules', '.dist-build', 'test', 'coverage'];

const npmEnv = { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false', LEERTUIN_SKIP_TYPECHECK: '1' };

function npm(args: string[], cwd: string) {
  return spawnSync('npm', args, { cwd, encoding: 'utf8', timeout: 240_000, env: npmEnv });
}

describe('the build and the package', () => {
  let work: string;
  let clone: string;
  let pack: { status: number | null; stderr: string };
  /** `leertuin list` runs in the copy while the build ran: how many, and how the failed ones ended. */
  const during = { runs: 0, failures: [] as string[] };
  const distBefore = () => statSync(join(clone, 'dist')).ino;
  let unchangedDist: { before: number; after: number; status: number | null };

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'leertuin-pack-'));
    clone = join(work, 'clone');
    cpSync(ROOT, clone, { recursive: true, filter: (from) => !NOT_COPIED.some((name) => from === join(ROOT, name)) && !from.startsWith(join(ROOT, '.dist-old-')) });
    symlinkSync(join(ROOT, 'node_modules'), join(clone, 'node_modules'));

    // The copied dist/ was built from these inputs: `--if-changed` leaves it as it is.
    const before = distBefore();
    const same = spawnSync(process.execPath, [join(clone, 'scripts', 'build.js'), '--if-changed'], { cwd: clone, encoding: 'utf8', env: npmEnv });
    unchangedDist = { before, after: distBefore(), status: same.status };

    // A changed source: the build before packing is a real one.
    appendFileSync(join(clone, 'src', 'version.ts'), '\n// changed by the pack test\n');
    const env = { ...process.env, HOME: clone, XDG_CACHE_HOME: join(clone, '.cache'), XDG_CONFIG_HOME: join(clone, '.config') };
    const packing = spawn('npm', ['pack', '--pack-destination', work], { cwd: clone, env: npmEnv, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    packing.stderr.on('data', (chunk: Buffer) => (stderr += String(chunk)));
    const packed = new Promise<number | null>((done) => packing.on('close', done));
    let running = true;
    void packed.then(() => (running = false));
    while (running) {
      const run = spawnSync(process.execPath, [join(clone, 'bin', 'leertuin.cjs'), 'list'], { cwd: clone, env, encoding: 'utf8' });
      during.runs++;
      if (run.status !== 0) during.failures.push(run.stderr.split('\n').slice(0, 2).join(' '));
      // A run every quarter of a second: a dist/ missing or half written for longer than that is
      // caught (building into dist/ itself left it so for seconds), and the build keeps a core.
      await new Promise((next) => setTimeout(next, 250));
    }
    pack = { status: await packed, stderr };
  }, 240_000);

  it('builds only when an input changed (`--if-changed`)', () => {
    expect(unchangedDist.status).toBe(0);
    expect(unchangedDist.after).toBe(unchangedDist.before);
    expect(pack.status, pack.stderr).toBe(0);
    // The pack's build used the changed source, and made dist/ for it: the same inputs build nothing again.
    const before = distBefore();
    expect(spawnSync(process.execPath, [join(clone, 'scripts', 'build.js'), '--if-changed'], { cwd: clone, env: npmEnv }).status).toBe(0);
    expect(distBefore()).toBe(before);
    expect(before).not.toBe(unchangedDist.before);
  });

  it('swaps dist/ in whole: a leertuin started during the build always runs', () => {
    expect(during.runs).toBeGreaterThan(5);
    expect(during.failures).toEqual([]);
  });

  it('packs without prepare, installs without a warning, and the installed leertuin runs', ({ skip }) => {
    expect(pack.status, pack.stderr).toBe(0);
    // The copy keeps its prepare (npm install there still builds); the tarball has none.
    expect(JSON.parse(readFileSync(join(clone, 'package.json'), 'utf8')).scripts.prepare).toBe('npm run build');
    const tarball = join(work, readdirSync(work).find((f) => f.endsWith('.tgz'))!);
    const packedManifest = spawnSync('tar', ['-xzOf', tarball, 'package/package.json'], { encoding: 'utf8' });
    const scripts = Object.keys(JSON.parse(packedManifest.stdout).scripts as object);
    expect(scripts.filter((s) => /^(pre|post)?(install|prepare)$/.test(s))).toEqual([]);

    const prefix = join(work, 'prefix');
    let install = npm(['install', '-g', '--prefix', prefix, '--prefer-offline', tarball], work);
    if (install.status !== 0) install = npm(['install', '-g', '--prefix', prefix, '--offline', tarball], work);
    if (install.status !== 0 && !process.env.CI) {
      console.warn(`skipped: npm install -g of the tarball: the registry is unreachable and the dependencies are not in the npm cache (${install.stderr.split('\n')[0]})`);
      skip();
    }
    expect(install.status, install.stderr).toBe(0);
    expect(install.stdout + install.stderr).not.toMatch(/npm warn/i);

    const list = spawnSync(join(prefix, 'bin', 'leertuin'), ['list'], { cwd: work, encoding: 'utf8', env: { ...process.env, HOME: work, XDG_CONFIG_HOME: join(work, '.config'), XDG_CACHE_HOME: join(work, '.cache') } });
    expect(list.status, list.stderr).toBe(0);
    expect(list.stdout).toMatch(/zvh-alles-delen .*\(meegeleverd\)/);
  }, 240_000);
});
