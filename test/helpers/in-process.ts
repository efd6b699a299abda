import { Readable, Writable } from 'node:stream';
import { main } from '../../src/cli.js';
import { language, setLanguage } from '../../src/i18n/index.js';

/** What a run gave: the same fields as spawnSync's result, so a test reads the same either way. */
export interface RunResult {
  status: number;
  stdout: string;
  stderr: string;
}

/** A stream that keeps what is written to it; `isTTY` as given, so commands see a file or a pipe by default. */
function capture(isTTY: boolean): { stream: NodeJS.WriteStream; text: () => string } {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
      done();
    },
  }) as unknown as NodeJS.WriteStream;
  Object.assign(stream, { isTTY, columns: 80 });
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}

/**
 * Runs the command line in this process, on fake streams, as `runCli` runs the built binary: the
 * same parsing, commands and exit codes, without starting Node (milliseconds instead of a quarter
 * second). For what only a real process shows (signals, a terminal, the bin shim), use runCli.
 */
export async function runInProcess(args: string[], options: { env: NodeJS.ProcessEnv; cwd: string; input?: string }): Promise<RunResult> {
  const stdout = capture(false);
  const stderr = capture(false);
  const stdin = Readable.from([Buffer.from(options.input ?? '')]) as unknown as NodeJS.ReadStream;
  // Paths on the command line are the user's, relative to where the tool runs, as with the binary
  // (vitest runs test files in forked processes, where chdir is allowed). The run leaves the process
  // as it found it (folder, interface language), so the order of tests does not matter.
  const before = { cwd: process.cwd(), language: language() };
  process.chdir(options.cwd);
  try {
    const status = await main(args, '0.0.0-test', { env: options.env, cwd: options.cwd, stdout: stdout.stream, stderr: stderr.stream, stdin: () => stdin });
    return { status, stdout: stdout.text(), stderr: stderr.text() };
  } finally {
    process.chdir(before.cwd);
    setLanguage(before.language);
  }
}
