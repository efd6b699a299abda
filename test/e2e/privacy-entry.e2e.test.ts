import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { BIN } from '../helpers/cli.js';
import { inProcessWorkspace } from '../helpers/records.js';
import { TmuxSession } from '../helpers/tmux.js';
import { missing } from '../helpers/tools.js';

const sessions: TmuxSession[] = [];
afterEach(() => {
  for (const s of sessions.splice(0)) s.close();
});

// Issue 17, item 4: every free text that enters a record or a proposal passes the privacy guard,
// here the prompt in a real terminal (the rest runs in-process: privacy-entry.test.ts).

describe('privacy guard at every entry point', () => {
  it.skipIf(missing('tmux'))('in a terminal, a typed reason that itself identifies is asked again', async () => {
    const ws = await inProcessWorkspace();
    const record = await ws.walk();
    const s = new TmuxSession([process.execPath, BIN, 'countersign', record, '--verdict', 'agree', '--note', 'Besproken met mevrouw Jansen', '--name', 'Fee', '--role', 'FG'], {
      cwd: ws.cwd,
      env: { ...ws.env, NO_COLOR: '1' },
    });
    sessions.push(s);
    await s.waitFor('Waarom moet dit in het verslag staan?');
    s.type('Zo besproken met meneer bakker');
    s.keys('Enter');
    const screen = await s.waitFor('De reden bevat zelf een identificerend gegeven');
    expect(screen).toContain('(naam meneer b•••). Schrijf hem zonder.');
    s.keys('C-u');
    s.type('Oefencasus met verzonnen namen');
    s.keys('Enter');
    expect(await s.exitCode()).toBe(0);
    expect(readFileSync(record, 'utf8')).toContain('"allow_identifying":"Oefencasus met verzonnen namen"');
  });
});
