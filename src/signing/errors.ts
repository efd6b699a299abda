/** Stable codes so the CLI can map each failure to a message and an exit code. */
export type KeyErrorCode =
  | 'key-exists'
  | 'key-not-found'
  | 'key-unreadable'
  | 'key-permissions'
  | 'bad-passphrase'
  | 'passphrase-required'
  | 'encrypted-openssh-key'
  | 'unsupported-key'
  | 'invalid-key'
  | 'not-a-private-key'
  | 'malformed-public-key'
  | 'no-agent'
  | 'agent-no-key'
  | 'agent-refused'
  | 'agent-timeout'
  | 'agent-protocol'
  | 'sign-failed'
  | 'invalid-namespace';

/**
 * Error for everything key related. Messages never contain key material; `hint` is an optional
 * suggestion for the user (a command to run, for example).
 */
export class KeyError extends Error {
  readonly code: KeyErrorCode;
  readonly hint: string | undefined;
  /** The key file (or socket) concerned, so a caller can say it in the user's language. */
  readonly subject: string | undefined;

  constructor(code: KeyErrorCode, message: string, options?: { hint?: string; cause?: unknown; subject?: string }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'KeyError';
    this.code = code;
    this.hint = options?.hint;
    this.subject = options?.subject;
  }
}

export function isKeyError(err: unknown): err is KeyError {
  return err instanceof KeyError;
}
