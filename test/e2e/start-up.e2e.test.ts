import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { freshHome, runCli } from '../helpers/cli.js';

/**
 * Start-up speed rests on not loading what a run does not need (see BENCHMARKS.md): with
 * NODE_DEBUG=leertuin the tool names each bundle it loads (src/platform/bundle-loader.ts), so a stray
 * import of a library fails here rather than only slowing down the benchmark.
 */
function loadedLibraries(stderr: string): string {
  return [...stderr.matchAll(/^LEERTUIN \d+: loaded (\S+) /gm)].map((m) => m[1]!).filter((name) => !name.startsWith('leertuin.')).sort().join(',');
}

function setUp() {
  const { home, env } = freshHome();
  mkdirSync(join(home, '.config', 'leertuin'), { recursive: true });
  // A user configuration as the first walk leaves it.
  writeFileSync(join(home, '.config', 'leertuin', 'config.yaml'), 'author:\n  name: "Fictieve Deelnemer"\n  role: "wijkteammedewerker"\n  domain: "gemeente"\n  organisation: "Voorbeeldgemeente"\n');
  const attempt = (args: string[], cwd = join(home, 'work')) => {
    const result = runCli(args, { env: { ...env, NODE_DEBUG: 'leertuin' }, cwd });
    return { ...result, loaded: loadedLibraries(result.stderr) };
  };
  const run = (args: string[], cwd?: string) => {
    const result = attempt(args, cwd);
    expect(result.status, result.stderr).toBe(0);
    return result;
  };
  return { run, attempt, home, configFile: join(home, '.config', 'leertuin', 'config.yaml') };
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

  it("a project's own dilemmas go through the parse cache too; a broken one is reported with its place every time", () => {
    const { run, attempt, home } = setUp();
    const project = join(home, 'project');
    run(['init', project, '--organisation', 'Voorbeeldorganisatie']);
    const first = run(['list'], project);
    expect(first.stdout).toContain('voorbeeld-mentor');
    const second = run(['list'], project);
    expect(second.loaded).toBe('commander');
    expect(second.stdout).toBe(first.stdout);
    expect(run(['show', 'voorbeeld-mentor', '--json'], project).loaded).toBe('commander');

    const file = join(project, 'dilemmas', 'voorbeeld-mentor.yaml');
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text.replace(/^version: .*$/m, 'version: "een"'));
    for (let i = 0; i < 2; i++) {
      const broken = attempt(['list'], project);
      expect(broken.status).toBe(2);
      expect(broken.stderr).toContain(`${file}:8:10: version:`);
    }
    // Valid as a file, so kept in the cache; the id check after it still finds its place (from the YAML, parsed then).
    writeFileSync(file, text.replace(/^id: .*$/m, 'id: een-andere-naam'));
    for (let i = 0; i < 2; i++) {
      const renamed = attempt(['list'], project);
      expect(renamed.status).toBe(2);
      expect(renamed.stderr).toMatch(new RegExp(`${file}:7:\\d+: `));
    }
  });
});
