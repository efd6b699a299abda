/** Where in an input file something went wrong; line and column are 1-based. */
export interface SourcePosition {
  file: string;
  line?: number;
  col?: number;
}

export function formatPosition(pos: SourcePosition): string {
  if (pos.line === undefined) return pos.file;
  return pos.col === undefined ? `${pos.file}:${pos.line}` : `${pos.file}:${pos.line}:${pos.col}`;
}

/**
 * Exit codes are part of the public interface (DESIGN.md): 1 a check failed, 2 usage/input/config,
 * 130 interrupted, 141 the reader of stdout went away (a closed pipe, as a shell reports it).
 */
export const ExitCode = { ok: 0, checkFailed: 1, usage: 2, interrupted: 130, brokenPipe: 141 } as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/**
 * An expected failure: shown as one line (what, where, what to do), never with a stack trace.
 * `code` is stable and appears in `--json` output; `message` is already in the user's language.
 */
export class LeertuinError extends Error {
  readonly code: string;
  readonly exitCode: ExitCode;
  readonly position: SourcePosition | undefined;
  readonly hint: string | undefined;

  constructor(
    code: string,
    message: string,
    options: { exitCode?: ExitCode; position?: SourcePosition; hint?: string; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'LeertuinError';
    this.code = code;
    this.exitCode = options.exitCode ?? ExitCode.usage;
    this.position = options.position;
    this.hint = options.hint;
  }

  toJSON(): Record<string, unknown> {
    return {
      code: this.code,
      message: this.message,
      ...(this.position ? { file: this.position.file, line: this.position.line, col: this.position.col } : {}),
      ...(this.hint ? { hint: this.hint } : {}),
    };
  }
}

/** The user pressed Ctrl-C or the terminal went away: exit 130, nothing written. */
export class InterruptedError extends LeertuinError {
  constructor(message: string) {
    super('interrupted', message, { exitCode: ExitCode.interrupted });
  }
}
