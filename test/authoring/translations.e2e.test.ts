import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BIN } from '../helpers/cli.js';
import { TmuxSession } from '../helpers/tmux.js';
import { sandbox } from './helpers.js';
import { missing } from '../helpers/tools.js';

const sessions: TmuxSession[] = [];
afterEach(() => {
  for (const s of sessions.splice(0)) s.close();
});

/** An initialised project whose example dilemma has two Dutch texts changed after their translation. */
function projectWithStaleTranslations() {
  const box = sandbox();
  expect(box.run(['init']).status).toBe(0);
  const file = join(box.cwd, 'dilemmas', 'voorbeeld-mentor.yaml');
  const original = readFileSync(file, 'utf8');
  const changed = original
    .replace('nl: Mag ik de mentor vertellen wat er thuis speelt?', 'nl: Mag ik de mentor vertellen wat er thuis gebeurt?')
    .replace('      nl: Vraag het eerst aan de moeder\n', '      nl: Vraag het eerst aan de moeder zelf\n');
  expect(changed).not.toBe(original);
  writeFileSync(file, changed);
  return { box, file, changed };
}

describe.skipIf(missing('tmux'))('stale translations', () => {
  it('lint flags a translation whose source text changed since it was confirmed, with its place', () => {
    const { box, file } = projectWithStaleTranslations();
    const lint = box.json(['lint']);
    expect(lint.status).toBe(1);
    const problems = lint.body.problems as { file: string; line: number; code: string }[];
    expect(problems.map((p) => [p.file, p.line, p.code])).toEqual([
      [file, 11, 'stale-translation'],
      [file, expect.any(Number), 'stale-translation'],
    ]);
    const text = box.run(['lint']);
    expect(text.stdout).toContain(`${file}:11:3: de vertaling (en) bij "title" is verouderd`);
    expect(text.stdout).toContain('bij "eerst-vragen" is verouderd');
  });

  it('--fix-translations needs --yes without a terminal; with it, records the hashes, lists them, keeps the rest of the file', () => {
    const { box, file, changed } = projectWithStaleTranslations();
    const refused = box.json(['lint', '--fix-translations']);
    expect(refused.status).toBe(2);
    expect(refused.body).toMatchObject({ ok: false, error: { code: 'fix-needs-yes' } });
    expect(readFileSync(file, 'utf8')).toBe(changed);

    const fixed = box.run(['lint', '--fix-translations', '--yes']);
    expect(fixed.status, fixed.stdout + fixed.stderr).toBe(0);
    const listed = fixed.stdout.trim().split('\n');
    expect(listed).toHaveLength(2);
    expect(listed[0]).toBe(`${file}:11:3: brontekst vastgelegd bij de vertaling (en)`);
    const after = readFileSync(file, 'utf8');
    // Only the two hash lines changed: comments, order and every other line are as they were.
    const diff = after.split('\n').filter((line, i) => line !== changed.split('\n')[i]);
    expect(diff).toHaveLength(2);
    for (const line of diff) expect(line).toMatch(/^\s+_source: \{en: [0-9a-f]{12}\}$/);
    expect(box.run(['lint']).status).toBe(0);
    // The bundled files were not touched: nothing to record there, and nothing written.
    expect(box.json(['lint', '--fix-translations', '--yes']).body).toMatchObject({ ok: true, recorded: [] });
  });

  it('a declared language missing from a dilemma text outside the tree is reported', () => {
    const box = sandbox();
    expect(box.run(['new', 'half-vertaald']).status).toBe(0);
    const file = join(box.cwd, 'dilemmas', 'half-vertaald.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^title: .*$/m, 'title: {nl: Half vertaald}'));
    const lint = box.json(['lint', 'dilemmas/half-vertaald.yaml']);
    expect(lint.status).toBe(1);
    expect(lint.body.problems).toEqual([expect.objectContaining({ code: 'missing-translation', line: expect.any(Number), message: '"title" mist de taal "en"' })]);
  });

  it('in a terminal: one question per text, and only confirmed ones are recorded', async () => {
    const { box, file } = projectWithStaleTranslations();
    const session = new TmuxSession([process.execPath, BIN, 'lint', '--fix-translations'], { cwd: box.cwd, env: box.env, height: 50 });
    sessions.push(session);
    await session.waitFor('Mag ik de mentor vertellen wat er thuis gebeurt?');
    await session.waitFor('Past de vertaling (en) bij de brontekst (nl)?');
    session.keys('Down');
    await session.waitFor(/❯ Nee/);
    session.keys('Enter'); // not the title
    await session.waitFor('Vraag het eerst aan de moeder zelf');
    session.keys('Enter'); // yes for the outcome text
    expect(await session.exitCode()).toBe(1);
    const lint = box.json(['lint']);
    expect((lint.body.problems as { line: number }[]).map((p) => p.line)).toEqual([11]);
    expect(readFileSync(file, 'utf8')).toMatch(/Vraag het eerst aan de moeder zelf\n.*\n\s+_source: \{en: [0-9a-f]{12}\}/);
  });
});
