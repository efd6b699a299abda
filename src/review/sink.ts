import { openAtomic } from '../platform/atomic.js';

/** Where a streamed report goes: written piece by piece, complete only after `close`. */
export interface Sink {
  write(text: string): void;
  close(): void;
  /** Drops what was written to a file (nothing appears); a no-op for a stream. */
  abort(): void;
}

export function streamSink(stream: { write(text: string): unknown }): Sink {
  return { write: (text) => void stream.write(text), close: () => undefined, abort: () => undefined };
}

/** A report file written as it streams, yet atomically: a reader never sees half of it. */
export function atomicFileSink(path: string): Sink {
  const file = openAtomic(path);
  return { write: (text) => file.write(text), close: () => file.commit(), abort: () => file.abort() };
}
