import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { BIN } from '../helpers/cli.js';
import { TmuxSession } from '../helpers/tmux.js';
import { missing } from '../helpers/tools.js';
import { projectWithStaleTranslations, sandbox } from './helpers.js';

/**
 * What only the real thing shows: the authoring commands' prompts in a real terminal (the built
 * binary in tmux) and git reading the attributes init wrote. Everything else about init, new and
 * lint runs in-process (init.test.ts, new.test.ts, translations-lint.test.ts).
 */
const sessions: TmuxSession[] = [];
afterEach(() => {
  for (const s of sessions.splice(0)) s.close();
});

describe.skipIf(missing('tmux'))('authoring in a terminal', () => {
  it('init asks for the organisation', async () => {
    const box = sandbox();
    const session = new TmuxSession([process.execPath, BIN, 'init'], { cwd: box.cwd, env: box.env });
    sessions.push(session);
    await session.waitFor('Naam van de organisatie of regio (mag leeg)');
    session.type('Leertuin Proefregio');
    session.keys('Enter');
    expect(await session.exitCode()).toBe(0);
    expect(readFileSync(join(box.cwd, '.leertuin.yaml'), 'utf8')).toContain('organisation: "Leertuin Proefregio"');
    expect((await box.json(['config'])).body).toMatchObject({ settings: { organisation: { value: 'Leertuin Proefregio', source: 'project' } } });
  });

  it('new asks for title, case and kader (chosen from the catalog)', async () => {
    const box = sandbox();
    expect((await box.run(['init'])).status).toBe(0);
    const session = new TmuxSession([process.execPath, BIN, 'new', 'gevraagd'], { cwd: box.cwd, env: box.env });
    sessions.push(session);
    await session.waitFor('Titel van het dilemma');
    // The title is prefilled from the id; replace it.
    session.keys('C-u');
    session.type('Een gevraagde titel');
    session.keys('Enter');
    await session.waitFor('De casus in een paar zinnen');
    session.type('Een korte casus.');
    session.keys('Enter');
    await session.waitFor('Welke vragenboom');
    await session.waitFor(/❯ mag-ik-delen/);
    session.keys('Up');
    await session.waitFor(/❯ informatiepositie/);
    session.keys('Enter');
    expect(await session.exitCode()).toBe(0);
    const data = parse(readFileSync(join(box.cwd, 'dilemmas', 'gevraagd.yaml'), 'utf8')) as Record<string, unknown>;
    expect(data).toMatchObject({ title: 'Een gevraagde titel', case: 'Een korte casus.', kader: 'informatiepositie' });
    expect((await box.run(['lint'])).status).toBe(0);
  });

  it('lint --fix-translations asks one question per text, and only confirmed ones are recorded', async () => {
    const { box, file } = await projectWithStaleTranslations();
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
    const lint = await box.json(['lint']);
    expect((lint.body.problems as { line: number }[]).map((p) => p.line)).toEqual([11]);
    expect(readFileSync(file, 'utf8')).toMatch(/Vraag het eerst aan de moeder zelf\n.*\n\s+_source: \{en: [0-9a-f]{12}\}/);
  });
});

describe('leertuin init and git', () => {
  it('git keeps records byte for byte (no line-ending conversion), by the .gitattributes it wrote', async () => {
    const box = sandbox();
    expect((await box.run(['init'])).status).toBe(0);
    execFileSync('git', ['init', '-q'], { cwd: box.cwd, env: box.env });
    const attrs = execFileSync('git', ['check-attr', 'text', 'eol', '--', 'records/2026-01-01-x-abc.md', 'allowed_signers'], { cwd: box.cwd, encoding: 'utf8', env: box.env });
    expect(attrs).toContain('records/2026-01-01-x-abc.md: text: unset');
    expect(attrs).toContain('allowed_signers: eol: lf');
  });
});
