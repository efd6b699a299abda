import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BIN, freshHome } from '../helpers/cli.js';
import { TmuxSession } from '../helpers/tmux.js';
import { missing } from '../helpers/tools.js';

const sessions: TmuxSession[] = [];
afterEach(() => {
  for (const s of sessions.splice(0)) s.close();
});

describe.skipIf(missing('tmux'))('privacy guard', () => {
  it('in a terminal: says what was found and where, and lets the user rewrite it', async () => {
    const { home, env } = freshHome();
    const cwd = join(home, 'work');
    const s = new TmuxSession([process.execPath, BIN, 'walk', 'verward-gedrag-huisarts', '--no-sign'], { cwd, env: { ...env, NO_COLOR: '1' } });
    sessions.push(s);
    await s.waitFor('Gaat het om persoonsgegevens?');
    s.keys('Down', 'Down');
    await s.waitFor(/❯ Nee, niemand is te herkennen/);
    s.keys('Enter');
    await s.waitFor(/Motivatie \(verplicht\)\s*$/m);
    s.type('Gemaild naar j.jansen@voorbeeld.nl');
    s.keys('Enter');
    const screen = await s.waitFor('Wat wil je doen?');
    expect(screen).toMatch(/Dit lijkt identificerend: e-mailadres .*•.* \(op teken 14\)/);
    expect(screen.split('Dit lijkt identificerend')[1]).not.toContain('j.jansen@voorbeeld.nl');
    s.keys('Enter'); // Herschrijven: the text comes back to edit
    await s.waitFor(/Motivatie \(verplicht\) Gemaild naar/);
    s.keys('C-u');
    s.type('Geen gegevens gedeeld');
    s.keys('Enter');
    await s.waitFor('Klopt alles?');
    s.keys('C-c');
    expect(await s.exitCode()).toBe(130);
  });
});
