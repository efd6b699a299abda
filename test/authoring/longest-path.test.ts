import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { freshHome, ROOT } from '../helpers/home.js';
import { runCommand } from './run-command.js';

/** `lint --paths` reports each tree's longest path and fails above the limit: 15, a flag, or the project's setting. */
describe('lint --paths: short enough to learn from', () => {
  const { home, env } = freshHome();
  const run = (args: string[], cwd = home) => runCommand(args, { env: { ...env, LEERTUIN_LANG: 'nl' }, cwd });
  const coverage = (stdout: string) => (JSON.parse(stdout) as { coverage: { id: string; longest: number }[]; problems: { code: string }[] });

  it('no bundled path asks more than 15 questions, and each tree says how many its longest asks', async () => {
    const result = await run(['lint', '--paths', '--json', '--limit', '1', join(ROOT, 'dilemmas')]);
    expect(result.status, result.stdout.slice(0, 400)).toBe(0);
    const { coverage: trees } = coverage(result.stdout);
    expect(trees.length).toBeGreaterThanOrEqual(9);
    for (const tree of trees) expect(tree.longest, tree.id).toBeLessThanOrEqual(15);
    expect(Math.max(...trees.map((tree) => tree.longest))).toBe(15);
    const text = await run(['lint', '--paths', '--limit', '1', join(ROOT, 'dilemmas', 'kaders', 'mag-ik-delen.yaml')]);
    expect(text.stderr).toMatch(/^mag-ik-delen: \d+ pad\(en\), .*; langste pad 15 vragen \(grens 15\)$/m);
  });

  it('fails above a lower limit, from the flag or from the project', async () => {
    const kader = join(ROOT, 'dilemmas', 'kaders', 'mag-ik-delen.yaml');
    const flagged = await run(['lint', '--paths', '--json', '--limit', '1', '--max-questions', '14', kader]);
    expect(flagged.status).toBe(1);
    expect(coverage(flagged.stdout).problems.map((p) => p.code)).toEqual(['path-too-long']);

    const project = join(home, 'project');
    mkdirSync(join(project, 'dilemmas', 'kaders'), { recursive: true });
    cpSync(kader, join(project, 'dilemmas', 'kaders', 'mag-ik-delen.yaml'));
    writeFileSync(join(project, '.leertuin.yaml'), 'dilemmas: [dilemmas]\nmax_path_questions: 14\n');
    const configured = await run(['lint', '--paths', '--limit', '1', 'dilemmas'], project);
    expect(configured.status).toBe(1);
    expect(configured.stdout).toMatch(/mag-ik-delen\.yaml: het langste pad stelt 15 vragen, meer dan 14; .* \[path-too-long\]/);
    // Without --paths the limit is not checked: the tree itself is sound.
    expect((await run(['lint', 'dilemmas'], project)).status).toBe(0);
  });
});
