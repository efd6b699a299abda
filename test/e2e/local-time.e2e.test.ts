import { readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { freshHome, runCli } from '../helpers/cli.js';

/** A record made at 00:39 in Amsterdam is dated that day, with its offset, in the record and its file name. */
describe('times as people read them', () => {
  it('created carries local time and offset; the file name the local date; verify reads it', () => {
    const { home, env } = freshHome();
    const cwd = join(home, 'work');
    // 2026-12-03T23:39:13Z is 00:39:13 on 4 December in Amsterdam.
    const local = { ...env, TZ: 'Europe/Amsterdam', SOURCE_DATE_EPOCH: '1796341153', LEERTUIN_RECORD_ID: 'tijd01' };
    const run = (args: string[]) => runCli(args, { env: local, cwd });
    const listed = JSON.parse(run(['lint', '--paths', '--json', '--limit', '1']).stdout) as { paths: { dilemma?: string; answers: object }[] };
    const path = listed.paths.find((p) => p.dilemma)!;
    writeFileSync(join(cwd, 'a.json'), JSON.stringify({ dilemma: path.dilemma, author: { name: 'Oefenaar', role: 'professional', domain: 'zorg', organisation: 'Oefen' }, answers: path.answers }));
    const walk = run(['walk', '--answers', 'a.json', '--no-sign']);
    expect(walk.status, walk.stderr).toBe(0);
    const file = walk.stdout.trim();
    expect(basename(file)).toMatch(/^2026-12-04-/);
    expect(readFileSync(file, 'utf8')).toContain('created: "2026-12-04T00:39:13+01:00"');
    // The same moment in UTC keeps its Z.
    const utc = runCli(['walk', '--answers', 'a.json', '--no-sign'], { env: { ...local, TZ: 'UTC', LEERTUIN_RECORD_ID: 'tijd02' }, cwd });
    expect(readFileSync(utc.stdout.trim(), 'utf8')).toContain('created: "2026-12-03T23:39:13Z"');
    expect(run(['verify', '--json', file]).stdout).toMatch(/"status": "unsigned"/);
  });
});
