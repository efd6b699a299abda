import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { freshHome, runCli } from '../helpers/cli.js';

/**
 * Start-up speed rests on not loading what a run does not need (see BENCHMARKS.md): these runs
 * record which of the heavy CommonJS libraries were loaded, so a stray import fails here rather
 * than only slowing down the benchmark.
 */
const RECORDER = `process.on('exit', () => {
  const loaded = new Set(Object.keys(require.cache).map((f) => (/node_modules\\/(zod|yaml|commander)\\//.exec(f) || [])[1]).filter(Boolean));
  require('node:fs').writeFileSync(process.env.LEERTUIN_TEST_LOADED, [...loaded].sort().join(','));
});`;

function setUp() {
  const { home, env } = freshHome();
  const recorder = join(home, 'recorder.cjs');
  writeFileSync(recorder, RECORDER);
  const loadedFile = join(home, 'loaded.txt');
  mkdirSync(join(home, '.config', 'leertuin'), { recursive: true });
  // A user configuration as the first walk leaves it.
  writeFileSync(join(home, '.config', 'leertuin', 'config.yaml'), 'author:\n  name: "Fictieve Deelnemer"\n  role: "wijkteammedewerker"\n  domain: "gemeente"\n  organisation: "Voorbeeldgemeente"\n');
  const run = (args: string[]) => {
    const result = runCli(args, { env: { ...env, NODE_OPTIONS: `--require=${recorder}`, LEERTUIN_TEST_LOADED: loadedFile }, cwd: join(home, 'work') });
    expect(result.status, result.stderr).toBe(0);
    return { stdout: result.stdout, loaded: readFileSync(loadedFile, 'utf8') };
  };
  return { run, configFile: join(home, '.config', 'leertuin', 'config.yaml') };
}

describe('what a start loads', () => {
  it('--version and --help load none of commander, zod or yaml', () => {
    const { run } = setUp();
    expect(run(['--version']).loaded).toBe('');
    const help = run(['--help']);
    expect(help.stdout).toContain('leertuin');
    expect(help.loaded).toBe('');
    expect(run(['walk', '--help']).loaded).toBe('');
  });

  it('list reads the configuration through the parse cache: YAML and zod once, then never', () => {
    const { run } = setUp();
    const first = run(['list']);
    expect(first.loaded).toBe('commander,yaml,zod');
    const second = run(['list']);
    expect(second.loaded).toBe('commander');
    expect(second.stdout).toBe(first.stdout);
  });

  it('a changed configuration is read again', () => {
    const { run, configFile } = setUp();
    expect(run(['config', '--json']).stdout).toContain('wijkteammedewerker');
    writeFileSync(configFile, readFileSync(configFile, 'utf8').replace('wijkteammedewerker', 'trainer'));
    const changed = run(['config', '--json']);
    expect(changed.loaded).toBe('commander,yaml,zod');
    expect(changed.stdout).toContain('"trainer"');
    expect(changed.stdout).not.toContain('wijkteammedewerker');
  });
});
