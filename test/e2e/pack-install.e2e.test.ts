import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

/**
 * The package installs quietly: `npm pack` builds first (prepack) and packs a package.json without
 * install scripts, so `npm install -g <tarball>` prints no warning, and the installed `leertuin`
 * runs. Slow (a build and an install, about a minute). It packs a copy of the repository, so the
 * build never rewrites the dist/ that other tests are running.
 */
const NOT_COPIED = ['.git', 'node_modules', 'dist', '.dist-build'];

function npm(args: string[], cwd: string) {
  return spawnSync('npm', args, { cwd, encoding: 'utf8', timeout: 240_000, env: { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false', LEERTUIN_SKIP_TYPECHECK: '1' } });
}

describe('npm pack, then npm install -g of the tarball', () => {
  it('packs without prepare, installs without a warning, and the installed leertuin runs', ({ skip }) => {
    const work = mkdtempSync(join(tmpdir(), 'leertuin-pack-'));
    const clone = join(work, 'clone');
    cpSync(ROOT, clone, { recursive: true, filter: (from) => !NOT_COPIED.some((name) => from === join(ROOT, name)) && !from.startsWith(join(ROOT, '.dist-old-')) });
    symlinkSync(join(ROOT, 'node_modules'), join(clone, 'node_modules'));

    const pack = npm(['pack', '--pack-destination', work], clone);
    expect(pack.status, pack.stderr).toBe(0);
    // The clone keeps its prepare (npm install there still builds); the tarball has none.
    expect(JSON.parse(readFileSync(join(clone, 'package.json'), 'utf8')).scripts.prepare).toBe('npm run build');
    const tarball = join(work, readdirSync(work).find((f) => f.endsWith('.tgz'))!);
    const packed = spawnSync('tar', ['-xzOf', tarball, 'package/package.json'], { encoding: 'utf8' });
    const scripts = Object.keys(JSON.parse(packed.stdout).scripts as object);
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
  }, 300_000);
});
