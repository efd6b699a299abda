import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { freshHome, ROOT, runCli } from '../helpers/cli.js';
import { runInProcess } from '../helpers/in-process.js';

import { COMMAND_NAMES } from '../../src/commands/index.js';
import { renderAllHelp } from '../../src/program.js';
import { quickAnswer } from '../../src/quick-answer.js';
import { helpRequest, storedHelp } from '../../src/static-help.js';

// The stored help in dist/ is made by the build (run before this project) from these same sources.
const DIST = join(ROOT, 'dist');

const commandNames = ['', ...COMMAND_NAMES];

describe('stored help (dist/help.json)', () => {
  for (const lang of ['nl', 'en'] as const) {
    it(`is what commander writes, for every command in ${lang}, at every width it is used for`, async () => {
      for (const width of [40, 60, 80, 100, 120, 200]) {
        const commander = await renderAllHelp('0.0.0', lang, width);
        for (const name of commandNames) {
          const stored = storedHelp(DIST, lang, name, width);
          if (width === 80) expect(stored, `${lang} '${name}' at 80`).toBeDefined();
          if (stored !== undefined) expect(stored, `${lang} '${name}' at ${width}`).toBe(commander[name]);
        }
      }
    });
  }

  it('is not used where commander would wrap differently, or for an unknown command', () => {
    expect(storedHelp(DIST, 'nl', 'review', 60)).toBeUndefined();
    expect(storedHelp(DIST, 'nl', 'no-such-command', 80)).toBeUndefined();
    expect(storedHelp(DIST, 'nl', 'constructor', 80)).toBeUndefined();
  });

  it('is not used by another build (a changed program or messages give the tool bundle another SHA-256), nor without one', () => {
    const changes: Record<string, (manifest: string) => string> = {
      'another build': (manifest) => manifest.replace(/("leertuin":\s*\{[^}]*"sha256":\s*")[0-9a-f]/, (_, head: string) => `${head}x`),
      'no manifest': () => '',
    };
    // A copy of dist/ each: a process reads the build's manifest once.
    const copy = () => {
      const dist = join(mkdtempSync(join(tmpdir(), 'leertuin-help-')), 'dist');
      cpSync(DIST, dist, { recursive: true });
      return dist;
    };
    expect(storedHelp(copy(), 'nl', '', 80)).toBeDefined();
    for (const [what, change] of Object.entries(changes)) {
      const dist = copy();
      writeFileSync(join(dist, 'bundles.json'), change(readFileSync(join(dist, 'bundles.json'), 'utf8')));
      expect(storedHelp(dist, 'nl', '', 80), what).toBeUndefined();
    }
  });

  it('answers only the plain help forms', () => {
    expect(helpRequest(['--help'], () => true)).toBe('');
    expect(helpRequest(['-h'], () => false)).toBe('');
    expect(helpRequest(['walk', '--help'], () => true)).toBe('walk');
    expect(helpRequest([], () => false)).toBe('');
    expect(helpRequest([], () => true)).toBeUndefined();
    expect(helpRequest(['--lang', 'en', '--help'], () => false)).toBeUndefined();
    expect(helpRequest(['--json', '--help'], () => false)).toBeUndefined();
    expect(helpRequest(['walk', 'x', '--help'], () => false)).toBeUndefined();
  });

  it('the bin shim prints from the stored text what commander prints without it, in both languages', async () => {
    const { home, env } = freshHome();
    for (const lang of ['nl', 'en']) {
      vi.stubEnv('LEERTUIN_LANG', lang);
      try {
        for (const name of commandNames) {
          const args = name ? [name, '--help'] : ['--help'];
          // The shim's first step (dist/app/quick.cjs), here from the sources, on this build's dist/.
          const quick = quickAnswer(args, ROOT);
          // Any extra option sends the run through commander (here in-process: the same code, from the sources).
          const full = await runInProcess(['--no-color', ...args], { env: { ...env, LEERTUIN_LANG: lang }, cwd: home });
          expect(full.status).toBe(0);
          expect(quick, `${lang} ${args.join(' ')}`).toBe(full.stdout);
        }
      } finally {
        vi.unstubAllEnvs();
      }
      // And the built binary itself, for the program and for a command.
      for (const args of [['--help'], ['walk', '--help']]) {
        const binary = runCli(args, { env: { ...env, LEERTUIN_LANG: lang }, cwd: home });
        const full = await runInProcess(['--no-color', ...args], { env: { ...env, LEERTUIN_LANG: lang }, cwd: home });
        expect(binary.status).toBe(0);
        expect(binary.stdout, `${lang} ${args.join(' ')}`).toBe(full.stdout);
        expect(binary.stderr).toBe('');
      }
    }
  });
});
