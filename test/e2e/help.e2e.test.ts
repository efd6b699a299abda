import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { freshHome, runCliAsync } from '../helpers/cli.js';

/*
 * Help as the built binary prints it: from the help stored at build time (dist/help.json), before
 * the tool itself loads. (In-process, commander writes help to the process's own stdout, not to
 * the run's stream, so this stays with the binary.)
 */
describe('help', () => {
  const { home, env } = freshHome();
  const cwd = join(home, 'work');
  const run = (...args: string[]) => runCliAsync(args, { env: { ...env, LEERTUIN_LANG: 'nl' }, cwd });

  it('`help walk` is `walk --help`', async () => {
    const [help, walkHelp] = await Promise.all([run('help', 'walk'), run('walk', '--help')]);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('--answers');
    expect(help.stdout).toBe(walkHelp.stdout);
  });
});
