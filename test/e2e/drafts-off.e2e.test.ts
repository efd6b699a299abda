import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BIN, freshHome } from '../helpers/cli.js';
import { runInProcess } from '../helpers/in-process.js';
import { TmuxSession } from '../helpers/tmux.js';
import { missing } from '../helpers/tools.js';

/** Issue 17 item 5: a drafts folder that cannot be written turns drafts off, once, and the walk goes on. */

const sessions: TmuxSession[] = [];
afterEach(() => {
  for (const s of sessions.splice(0)) s.close();
});

describe.skipIf(missing('tmux'))('a walk whose drafts folder cannot be written', () => {
  it.each([
    ['nl', 'Concepten staan uit:', 'Gaat het om persoonsgegevens?', 'Verslag opslaan?', 'Ondertekend verslag opgeslagen'],
    ['en', 'Drafts are off:', 'Is this personal data?', 'Save the record?', 'Signed record saved'],
  ])('%s: says once that drafts are off, and the walk completes and saves the record', async (lang, off, firstQuestion, saveQuestion, saved) => {
    const { home, env } = freshHome();
    const cwd = join(home, 'work');
    // The state folder is a file: every draft write fails (ENOTDIR), as on a read-only or full disk.
    const state = join(home, 'state-is-een-bestand');
    writeFileSync(state, '');
    const all = { ...env, XDG_STATE_HOME: state, NO_COLOR: '1', LEERTUIN_LANG: lang };
    mkdirSync(join(home, '.config', 'leertuin'), { recursive: true });
    writeFileSync(join(home, '.config', 'leertuin', 'config.yaml'), 'author: {name: Test Persoon, role: wijkteammedewerker, domain: gemeente, organisation: Wijkteam Oost}\n');
    expect((await runInProcess(['keygen', '--principal', 'wijkteam@voorbeeld.nl'], { env: all, cwd })).status).toBe(0);

    const s = new TmuxSession([process.execPath, BIN, 'walk', 'blauwe-plekken-wijkteam'], { cwd, env: all });
    sessions.push(s);
    await s.waitFor(firstQuestion);
    s.keys('Enter');
    await s.waitFor(/\(verplicht\)|\(required\)/);
    s.type('Herkenbaar');
    s.keys('Enter');
    await s.waitFor(off);
    for (let prompt = 0; prompt < 40; prompt++) {
      // Every later prompt: the first option or the remembered value, up to saving.
      await new Promise((resolve) => setTimeout(resolve, 400));
      const screen = s.screen();
      if (screen.includes(saved)) break;
      if (/\(verplicht\)\s*$|\(required\)\s*$/m.test(screen)) s.type('Omdat het moet');
      s.keys('Enter');
      if (screen.includes(saveQuestion)) break;
    }
    expect(await s.exitCode()).toBe(0);
    const screen = s.screen();
    expect(screen.split(off).length - 1, screen).toBe(1);
    expect(screen).not.toMatch(/Onverwachte fout|Unexpected error/);
    expect(readdirSync(join(cwd, 'records')).filter((name) => name.endsWith('.md'))).toHaveLength(1);
  }, 60_000);
});
