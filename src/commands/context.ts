import { loadConfig, type Config, type ConfigFlags } from '../config/config.js';
import type { Language } from '../i18n/index.js';
import type { GlobalFlags } from './global-options.js';
import { createStyle, type Style } from '../terminal/style.js';
import { oneLine } from '../platform/text.js';

/**
 * The global options as a run uses them: the flags (global-options.ts) with the language in effect,
 * and the --lang given on the command line, if any (`config` says where the language came from).
 */
export type GlobalOptions = Omit<GlobalFlags, 'lang'> & { lang: Language; langFlag?: Language };

/** Where a run reads and writes: the real process, or fake streams in a test. */
export interface Io {
  env: NodeJS.ProcessEnv;
  cwd: string;
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
  /** Called on first use only (see Context.stdin). */
  stdin: () => NodeJS.ReadStream;
}

/**
 * What a command gets from the CLI: the global options, the streams, and the configuration, read
 * only when a command asks for it. Data goes to stdout; messages and prompts go to stderr.
 */
export class Context {
  /** Styling for stderr (messages, prompts) and for stdout (data), each coloured only on a terminal. */
  readonly style: Style;
  readonly outStyle: Style;
  private cachedConfig: Config | undefined;
  private openedStdin: NodeJS.ReadStream | undefined;

  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
  readonly stdout: NodeJS.WriteStream;
  readonly stderr: NodeJS.WriteStream;
  private readonly openStdin: () => NodeJS.ReadStream;

  constructor(
    readonly options: GlobalOptions,
    io: Io,
  ) {
    ({ env: this.env, cwd: this.cwd, stdout: this.stdout, stderr: this.stderr, stdin: this.openStdin } = io);
    this.style = createStyle(options.color && Boolean(io.stderr.isTTY));
    this.outStyle = createStyle(options.color && Boolean(io.stdout.isTTY));
  }

  /** Taken on first use: setting up process.stdin loads a dozen of Node's own modules, which most commands never need. */
  get stdin(): NodeJS.ReadStream {
    return (this.openedStdin ??= this.openStdin());
  }

  /** Prompts need a terminal on both ends; without one, nothing may wait for input. */
  get interactive(): boolean {
    return Boolean(this.stdin.isTTY && this.stderr.isTTY);
  }

  config(flags: ConfigFlags = {}): Config {
    if (!this.cachedConfig || Object.keys(flags).length > 0) this.cachedConfig = loadConfig(flags, this.env, this.cwd);
    return this.cachedConfig;
  }

  /** Data for scripts: always written. */
  out(text: string): void {
    this.stdout.write(text.endsWith('\n') ? text : text + '\n');
  }

  /**
   * Lines for scripts, like `out`, but written in chunks: verify prints a line per record, and a
   * write each took 3% of verifying 10,000 records. Call `flush` when done (also on failure).
   */
  outLines(): ChunkedLines {
    return new ChunkedLines(this.stdout);
  }

  /** A JSON document on stdout, two-space indented, keys in the order given. */
  outJson(value: unknown): void {
    // The same JSON value, but no C1 or bidi control reaches a terminal raw.
    this.out(JSON.stringify(value, null, 2).replace(/[\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
  }

  /** A message for the person at the terminal, on stderr; silent with --quiet or --json. */
  say(text = ''): void {
    if (this.options.quiet || this.options.json) return;
    this.stderr.write(text + '\n');
  }

  /** A warning: shown unless --json, on one line, control characters removed. */
  warn(text: string): void {
    if (this.options.json) return;
    this.stderr.write(this.style.warn(oneLine(text)) + '\n');
  }
}

/** A chunk goes out at 64 KB, or with the first line that comes a tenth of a second after it began: whoever watches still sees progress. */
export class ChunkedLines {
  private pending = '';
  private since = 0;

  constructor(private readonly stream: NodeJS.WritableStream) {}

  line(text: string): void {
    if (this.pending === '') this.since = performance.now();
    this.pending += `${text}\n`;
    if (this.pending.length >= 1 << 16 || performance.now() - this.since >= 100) this.flush();
  }

  flush(): void {
    if (this.pending === '') return;
    this.stream.write(this.pending);
    this.pending = '';
  }
}
