import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/home.js';
import { sandbox, walkPaths, type PathEntry } from './helpers.js';

describe('acceptance, as a new user in an empty folder', () => {
  it('init, new mijn-dilemma, lint exits 0, walk mijn-dilemma works, graph prints a flowchart', async () => {
    const box = sandbox();
    expect((await box.run(['init'])).status).toBe(0);
    expect((await box.run(['new', 'mijn-dilemma'])).status).toBe(0);
    const lint = await box.run(['lint']);
    expect(lint.status, lint.stdout + lint.stderr).toBe(0);

    // No terminal here, so the walk takes its answers from a path lint lists.
    const listed = await box.json(['lint', '--paths', 'dilemmas/mijn-dilemma.yaml']);
    expect(listed.status).toBe(0);
    const paths = listed.body.paths as PathEntry[];
    const coverage = (listed.body.coverage as { paths: number }[])[0]!;
    expect(paths).toHaveLength(coverage.paths);
    const sample = [paths[0]!, paths[Math.floor(paths.length / 2)]!, paths[paths.length - 1]!];
    expect(await walkPaths(box, sample, 'records')).toEqual(sample.map((p) => p.outcome));
    expect(readdirSync(join(box.cwd, 'records'))).toHaveLength(3);

    // Without answers and without a terminal, walk says so instead of waiting.
    const noTerminal = await box.run(['walk', 'mijn-dilemma', '--no-sign']);
    expect(noTerminal.status).toBe(2);
    expect(noTerminal.stderr).toContain('--answers');

    const graph = await box.run(['graph', 'mijn-dilemma']);
    expect(graph.status, graph.stderr).toBe(0);
    expect(graph.stdout).toMatch(/^flowchart TD$/m);
    expect(graph.stdout).toContain('Gaat het om persoonsgegevens?');
    expect(graph.stdout).toMatch(/^ {2}class [n\d,]+ outcome$/m);
  });

  it('every path of the example dilemma walks to its stated outcome', async () => {
    const box = sandbox();
    expect((await box.run(['init'])).status).toBe(0);
    const paths = (await box.json(['lint', '--paths', 'dilemmas/voorbeeld-mentor.yaml'])).body.paths as PathEntry[];
    expect(paths.map((p) => p.outcome)).toEqual(['minder-delen', 'delen', 'eerst-vragen', 'niet-delen']);
    expect(await walkPaths(box, paths, 'records')).toEqual(paths.map((p) => p.outcome));
  });
});

describe('lint --paths --json on bundled dilemmas gives answer files that walk to their stated outcome', () => {
  it('risicoscore-huishoudens (kader informatiepositie, with a text and a multiple-choice question): every path', async () => {
    const box = sandbox();
    const listed = await box.json(['lint', '--paths', join(ROOT, 'dilemmas', 'risicoscore-huishoudens.yaml')]);
    expect(listed.status).toBe(0);
    const paths = listed.body.paths as PathEntry[];
    expect(paths).toHaveLength(13);
    expect(new Set(paths.map((p) => p.dilemma))).toEqual(new Set(['risicoscore-huishoudens']));
    expect(paths.some((p) => Array.isArray(p.answers.beveiliging?.answer))).toBe(true);
    expect(await walkPaths(box, paths, 'records')).toEqual(paths.map((p) => p.outcome));
  });

  it('zvh-alles-delen on mag-ik-delen: --limit keeps the list short, the count stays complete', async () => {
    const box = sandbox();
    const listed = await box.json(['lint', '--paths', '--limit', '6', join(ROOT, 'dilemmas', 'zvh-alles-delen.yaml')]);
    expect(listed.status).toBe(0);
    const paths = listed.body.paths as PathEntry[];
    expect(paths).toHaveLength(6);
    expect((listed.body.coverage as { paths: number }[])[0]!.paths).toBeGreaterThan(5000);
    expect(await walkPaths(box, paths, 'records')).toEqual(paths.map((p) => p.outcome));
  });

  it('all of mag-ik-delen streams as one JSON document, quickly', async () => {
    const box = sandbox();
    const started = Date.now();
    const listed = await box.json(['lint', '--paths', join(ROOT, 'dilemmas', 'kaders', 'mag-ik-delen.yaml')]);
    expect(listed.status).toBe(0);
    expect(Date.now() - started).toBeLessThan(10_000);
    const paths = listed.body.paths as ({ kader: string } & Omit<PathEntry, 'dilemma'>)[];
    expect(paths.length).toBe((listed.body.coverage as { paths: number }[])[0]!.paths);
    expect(paths[0]).toMatchObject({ kader: 'mag-ik-delen' });
    // Distinct answer sets: no path is listed twice.
    expect(new Set(paths.map((p) => JSON.stringify(p.answers))).size).toBe(paths.length);
  });

  it('as text: one line per path and a coverage summary', async () => {
    const box = sandbox();
    const listed = await box.run(['lint', '--paths', join(ROOT, 'dilemmas', 'risicoscore-huishoudens.yaml')]);
    expect(listed.status).toBe(0);
    const lines = listed.stdout.trim().split('\n');
    expect(lines).toHaveLength(13);
    expect(lines[0]).toMatch(/^risicoscore-huishoudens #1 behoefte=… → doel-helder=ja → .* ⇒ klaar$/);
    expect(listed.stderr).toContain('risicoscore-huishoudens: 13 pad(en), 7 van 7 uitkomsten bereikt');
    expect(readFileSync(join(ROOT, 'dilemmas', 'risicoscore-huishoudens.yaml'), 'utf8')).not.toContain('_source');
  });
});
