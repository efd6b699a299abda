import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectWithStaleTranslations, sandbox } from './helpers.js';

describe('stale translations', () => {
  it('lint flags a translation whose source text changed since it was confirmed, with its place', async () => {
    const { box, file } = await projectWithStaleTranslations();
    const lint = await box.json(['lint']);
    expect(lint.status).toBe(1);
    const problems = lint.body.problems as { file: string; line: number; code: string }[];
    expect(problems.map((p) => [p.file, p.line, p.code])).toEqual([
      [file, 11, 'stale-translation'],
      [file, expect.any(Number), 'stale-translation'],
    ]);
    const text = await box.run(['lint']);
    expect(text.stdout).toContain(`${file}:11:3: de vertaling (en) bij "title" is verouderd`);
    expect(text.stdout).toContain('bij "eerst-vragen" is verouderd');
  });

  it('--fix-translations needs --yes without a terminal; with it, records the hashes, lists them, keeps the rest of the file', async () => {
    const { box, file, changed } = await projectWithStaleTranslations();
    const refused = await box.json(['lint', '--fix-translations']);
    expect(refused.status).toBe(2);
    expect(refused.body).toMatchObject({ ok: false, error: { code: 'fix-needs-yes' } });
    expect(readFileSync(file, 'utf8')).toBe(changed);

    const fixed = await box.run(['lint', '--fix-translations', '--yes']);
    expect(fixed.status, fixed.stdout + fixed.stderr).toBe(0);
    const listed = fixed.stdout.trim().split('\n');
    expect(listed).toHaveLength(2);
    expect(listed[0]).toBe(`${file}:11:3: brontekst vastgelegd bij de vertaling (en)`);
    const after = readFileSync(file, 'utf8');
    // Only the two hash lines changed: comments, order and every other line are as they were.
    const diff = after.split('\n').filter((line, i) => line !== changed.split('\n')[i]);
    expect(diff).toHaveLength(2);
    for (const line of diff) expect(line).toMatch(/^\s+_source: \{en: [0-9a-f]{12}\}$/);
    expect((await box.run(['lint'])).status).toBe(0);
    // The bundled files were not touched: nothing to record there, and nothing written.
    expect((await box.json(['lint', '--fix-translations', '--yes'])).body).toMatchObject({ ok: true, recorded: [] });
  });

  it('a declared language missing from a dilemma text outside the tree is reported', async () => {
    const box = sandbox();
    expect((await box.run(['new', 'half-vertaald'])).status).toBe(0);
    const file = join(box.cwd, 'dilemmas', 'half-vertaald.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^title: .*$/m, 'title: {nl: Half vertaald}'));
    const lint = await box.json(['lint', 'dilemmas/half-vertaald.yaml']);
    expect(lint.status).toBe(1);
    expect(lint.body.problems).toEqual([expect.objectContaining({ code: 'missing-translation', line: expect.any(Number), message: '"title" mist de taal "en"' })]);
  });

});
