/**
 * Whether stdin and stderr are both a terminal, so prompts may wait for input. Asked only where it
 * matters: the first look at process.stdin sets up a stream for it, which on a file or a pipe loads
 * a dozen of Node's own modules (part of the start of every command that never reads stdin).
 */
export function interactive(): boolean {
  return Boolean(process.stdin.isTTY && process.stderr.isTTY);
}
