import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMAND_NAMES } from '../../src/command-names.js';
import { freshHome, runCliAsync } from '../helpers/cli.js';

/*
 * Help as the built binary prints it: from the help stored at build time (dist/help.json), before
 * the tool itself loads. (In-process, commander writes help to the process's own stdout, not to
 * the run's stream, so these stay with the binary.)
 */
describe('help', () => {
  const { home, env } = freshHome();
  const cwd = join(home, 'work');
  const run = (...args: string[]) => runCliAsync(args, { env: { ...env, LEERTUIN_LANG: 'nl' }, cwd });

  it("each command's --help ends with one or two examples, in Dutch and in English", async () => {
    for (const [lang, title] of [['nl', 'Voorbeelden:'], ['en', 'Examples:']] as const) {
      const helps = await Promise.all(COMMAND_NAMES.map((name) => run(name, '--help', '--lang', lang)));
      for (const [i, name] of COMMAND_NAMES.entries()) {
        const help = helps[i]!.stdout;
        const examples = help.slice(help.lastIndexOf(`\n${title}\n`));
        expect(examples, `${name} --help --lang ${lang}`).toMatch(new RegExp(`^\\n${title}\\n(  # .+\\n  leertuin ${name}\\b.*\\n){1,2}$`));
      }
    }
  });

  it('`help walk` is `walk --help`', async () => {
    const [help, walkHelp] = await Promise.all([run('help', 'walk'), run('walk', '--help')]);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('--answers');
    expect(help.stdout).toBe(walkHelp.stdout);
  });
});
