import { readFileSync } from 'node:fs';

const args = process.argv.slice(2);

// A reader that stops early (`leertuin list | head`) is no error: stop writing, quietly.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

/**
 * `--version` and plain help are answered before commander, the messages or any command loads:
 * they are the runs that should feel instant. Everything else is main.ts.
 */
async function quickAnswer(): Promise<string | undefined> {
  if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) return version() + '\n';
  const { helpRequest, storedHelp } = await import('./static-help.js');
  const command = helpRequest(args, Boolean(process.stdin.isTTY && process.stderr.isTTY));
  if (command === undefined) return undefined;
  const [{ configuredLanguage }, { resolveLanguage }] = await Promise.all([import('./config/locate.js'), import('./i18n/language.js')]);
  const lang = resolveLanguage(undefined, process.env, () => configuredLanguage(process.cwd(), process.env));
  // The width commander would wrap at: the terminal's, else 80.
  return storedHelp(lang, command, (process.stdout.isTTY ? process.stdout.columns : undefined) ?? 80);
}

const answer = await quickAnswer();
if (answer !== undefined) {
  process.stdout.write(answer);
} else {
  const { main } = await import('./main.js');
  process.exitCode = await main(args, version());
}
