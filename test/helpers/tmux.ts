import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Drives a program in a real pseudo-terminal through tmux: type keys, read the screen. Each
 * instance has its own tmux server socket, so tests can run side by side.
 */
export class TmuxSession {
  private readonly socket = `leertuin-${randomBytes(4).toString('hex')}`;
  readonly exitFile: string;

  constructor(
    command: string[],
    options: { cwd: string; env: NodeJS.ProcessEnv; width?: number; height?: number },
  ) {
    this.exitFile = join(options.cwd, `.exit-${this.socket}`);
    const quoted = command.map((part) => `'${part.replace(/'/g, `'\\''`)}'`).join(' ');
    const envArgs = Object.entries(options.env).flatMap(([k, v]) => (v === undefined ? [] : ['-e', `${k}=${v}`]));
    // The exit status is written to a file, then the pane lingers so the last screen can be read.
    const script = `${quoted}; echo $? > '${this.exitFile}'; sleep 600`;
    this.tmux('new-session', '-d', '-x', String(options.width ?? 100), '-y', String(options.height ?? 40), '-s', 'main', '-c', options.cwd, ...envArgs, 'sh', '-c', script);
  }

  private tmux(...args: string[]): string {
    return execFileSync('tmux', ['-L', this.socket, '-f', '/dev/null', ...args], { encoding: 'utf8' });
  }

  screen(): string {
    return this.tmux('capture-pane', '-p', '-J', '-t', 'main', '-S', '-200');
  }

  /** The screen as the terminal shows it: lines the terminal wrapped are not joined again. */
  rawScreen(): string {
    return this.tmux('capture-pane', '-p', '-t', 'main', '-S', '-200');
  }

  /** Keys as tmux names them: 'Enter', 'Down', 'C-c', or literal text with `literal`. */
  keys(...keys: string[]): void {
    this.tmux('send-keys', '-t', 'main', ...keys);
  }

  type(text: string): void {
    this.tmux('send-keys', '-t', 'main', '-l', text);
  }

  /** Waits until the screen matches; fails with the screen shown, so a broken test explains itself. */
  async waitFor(pattern: RegExp | string, timeoutMs = 10_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    let screen = '';
    while (Date.now() < deadline) {
      screen = this.screen();
      if (typeof pattern === 'string' ? screen.includes(pattern) : pattern.test(screen)) return screen;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`timed out waiting for ${String(pattern)}; screen was:\n${screen}`);
  }

  async exitCode(timeoutMs = 10_000): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (existsSync(this.exitFile)) {
        const text = readFileSync(this.exitFile, 'utf8').trim();
        if (text !== '') return Number(text);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`program did not exit; screen was:\n${this.screen()}`);
  }

  close(): void {
    try {
      this.tmux('kill-server');
    } catch {
      // already gone
    }
  }
}
