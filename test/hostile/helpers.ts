import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, readlinkSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { freshHome } from '../helpers/home.js';
import type { RunResult } from '../helpers/in-process.js';
import { runCommand } from '../authoring/run-command.js';

/** A small valid dilemma with an inline tree; each hostile case breaks it in one way. */
export const BASE = `kind: dilemma
id: vijandig
version: "1.0.0"
languages: [nl]
title: Titel van het dilemma
case: Een fictieve casus.
start: vraag
nodes:
  - id: vraag
    kind: single
    text: Mag dit gedeeld worden?
    options:
      - {id: ja, label: Ja, next: eind}
      - {id: nee, label: Nee, next: eind}
  - id: eind
    kind: outcome
    verdict: delen
    text: Delen
`;

/**
 * Terminal attacks in one string: SGR colour, BEL, an OSC 8 hyperlink, an OSC window title, clear
 * screen, a C1 CSI (cursor position query), NEL, bidi overrides and isolates, a bidi mark. Each
 * visible word survives sanitising, so a test can tell the text was shown, only made inert.
 */
export const EVIL =
  '\u001b[31mRED\u001b[0m \u0007BEL \u001b]8;;http://evil.example/\u0007LINK\u001b]8;;\u0007 \u001b]0;TITLE\u0007 ' +
  '\u009b6n C1 \u0085NEL \u202eRTL\u202c \u2066ISO\u2069 \u200fMARK \u001b[2J';

/** What may never reach a terminal: C0 controls other than tab and line feed, DEL, C1, bidi controls. */
export const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

/** A YAML double-quoted scalar holding `text` exactly; everything outside printable ASCII is escaped. */
export function yamlString(text: string): string {
  return `"${[...text].map((c) => (/^[\u0020-\u007e]$/.test(c) && c !== '"' && c !== '\\' ? c : `\\u${c.codePointAt(0)!.toString(16).padStart(4, '0')}`)).join('')}"`;
}

/** A workspace with its own HOME and a project folder holding `.leertuin.yaml` and `dilemmas/`. */
export function workspace(): { home: string; cwd: string; env: NodeJS.ProcessEnv } {
  const { home, env } = freshHome('leertuin-hostile-');
  return { home, cwd: join(home, 'work'), env: { ...env, NO_COLOR: '1' } };
}

/** A run and how long it took. */
export interface TimedRun {
  status: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

let loaded: Promise<unknown> | undefined;
/**
 * What the built tool has ready when it starts, done once before the first timed run: the modules
 * of the commands these tests run (vitest's first import of the TypeScript sources takes seconds on
 * a busy machine; the tool starts from a bundle), and the bundled dilemmas parsed into the worker's
 * cache (the tool reads its build's compiled index). The time bound is about the run, not about that.
 */
function loadCommands(): Promise<unknown> {
  loaded ??= Promise.all([
    import('../../src/program.js'),
    import('../../src/commands/context.js'),
    import('../../src/commands/list.js'),
    import('../../src/commands/show.js'),
    import('../../src/commands/walk.js'),
    import('../../src/commands/verify.js'),
    import('../../src/commands/review.js'),
    import('../../src/commands/keygen.js'),
  ]).then(() => {
    const { home, env } = freshHome('leertuin-hostile-warm-');
    return runCommand(['list'], { env, cwd: join(home, 'work') });
  });
  return loaded;
}

/** Runs the command line in this process (see in-process.ts) and measures its wall time. */
export async function timedCli(args: string[], options: { env: NodeJS.ProcessEnv; cwd: string }): Promise<RunResult & { ms: number }> {
  await loadCommands();
  const started = performance.now();
  const result = await runCommand(args, options);
  return { ...result, ms: performance.now() - started };
}

/** A guard against hangs and runaway work, not a speed target (those are in npm run bench): generous enough for a loaded two-core machine (5 s was not), and a hang is far beyond it. */
export const TIME_BOUND_MS = 20_000;

/**
 * An expected failure as DESIGN.md asks: the given exit code, an error line (plus at most a hint),
 * no stack trace, no raw control characters, in good time.
 */
export function expectCleanFailure(result: TimedRun, exitCode: number, message?: RegExp): void {
  const shown = `exit ${result.status}, ${Math.round(result.ms)} ms\nstdout: ${result.stdout}\nstderr: ${result.stderr}`;
  expect(result.status, shown).toBe(exitCode);
  expect(result.stderr, shown).not.toMatch(/^\s+at /m);
  expect(result.stderr, shown).not.toMatch(/Onverwachte fout|Unexpected error/);
  expect(result.stdout + result.stderr, shown).not.toMatch(RAW_CONTROL);
  expect(result.ms, shown).toBeLessThan(TIME_BOUND_MS);
  if (message) expect(result.stderr + result.stdout, shown).toMatch(message);
}

/** SHA-256 of every file under `dir` (symlinks by their target path), to show nothing changed or went missing. */
export function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (path: string, rel: string) => {
    for (const entry of readdirSync(path, { withFileTypes: true })) {
      const full = join(path, entry.name);
      const name = rel ? `${rel}/${entry.name}` : entry.name;
      // The parse cache (configuration read before the failure) is derived data, not output.
      if (name === '.cache/leertuin') continue;
      if (entry.isDirectory()) walk(full, name);
      else if (entry.isSymbolicLink()) out[name] = `-> ${readlinkSync(full)}`;
      else if (entry.isFile()) out[name] = createHash('sha256').update(readFileSync(full)).digest('hex');
      else out[name] = `(${statSync(full).mode.toString(8)})`;
    }
  };
  walk(dir, '');
  return out;
}

