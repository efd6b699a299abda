import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { Catalog } from '../dilemma/catalog.js';
import { treeIndex } from '../dilemma/tree-index.js';
import { readRecordFile } from '../record/files.js';
import { parseAllowedSigners, type AllowedSigner } from '../signing/index.js';
import { verifyRecord, type RecordVerdict, type VerifyContext } from './verify.js';

export interface FileVerdict extends RecordVerdict {
  file: string;
}

/** What a verifier needs, in a form that crosses to a worker thread. */
export interface VerifySetup {
  /** allowed_signers text and its path (for positions), or undefined when none is configured. */
  allowedSigners?: { text: string; path: string };
  dilemmaDirs: readonly string[];
}

export function verifyContext(setup: VerifySetup): VerifyContext {
  const entries: AllowedSigner[] | undefined = setup.allowedSigners ? parseAllowedSigners(setup.allowedSigners.text, setup.allowedSigners.path).entries : undefined;
  return { allowedSigners: entries, findTree: treeIndex(new Catalog(setup.dilemmaDirs)) };
}

/** The verdict alone: the front matter it read is not carried along when nobody needs it. */
export function withoutRecord(verdict: FileVerdict): FileVerdict {
  const { record: _record, workshop: _workshop, ...rest } = verdict;
  return rest;
}

export function verifyFile(file: string, context: VerifyContext): FileVerdict {
  const text = readRecordFile(file);
  if (typeof text !== 'string') return { file, status: 'malformed', code: text.code, reason: text.reason, signers: [], warnings: [] };
  return { file, ...verifyRecord(text, context) };
}

/** Below this many records, starting worker threads costs more than it saves. */
export const PARALLEL_THRESHOLD = 2000;
const BATCH = 250;

/**
 * Verifies files in order, on worker threads when there are many and the machine has cores to
 * spare. Results come back in the order of `files`; at most a few batches are in flight, so memory
 * stays flat. The verdicts are exactly those of `verifyFile`: the workers run the same code.
 */
export async function* verifyMany(
  files: readonly string[],
  setup: VerifySetup,
  options: { threads?: number | undefined; keepRecords: boolean },
): AsyncGenerator<FileVerdict> {
  const threads = Math.min(options.threads ?? availableParallelism(), 8);
  if (files.length < PARALLEL_THRESHOLD || threads < 2) {
    const context = verifyContext(setup);
    for (const file of files) yield options.keepRecords ? verifyFile(file, context) : withoutRecord(verifyFile(file, context));
    return;
  }
  const workers = Array.from(
    { length: threads },
    () => new Worker(new URL('./worker.js', import.meta.url), { workerData: { setup, keepRecords: options.keepRecords } }),
  );
  const pending = new Map<number, { resolve: (v: FileVerdict[]) => void; reject: (e: unknown) => void }>();
  const results = new Map<number, Promise<FileVerdict[]>>();
  for (const worker of workers) {
    worker.on('message', (message: { batch: number; verdicts: FileVerdict[] }) => {
      pending.get(message.batch)?.resolve(message.verdicts);
      pending.delete(message.batch);
    });
    worker.on('error', (error) => {
      for (const p of pending.values()) p.reject(error);
      pending.clear();
    });
  }
  const batches = Math.ceil(files.length / BATCH);
  const dispatch = (batch: number) => {
    if (batch >= batches) return;
    results.set(
      batch,
      new Promise<FileVerdict[]>((resolve, reject) => {
        pending.set(batch, { resolve, reject });
        workers[batch % threads]!.postMessage({ batch, files: files.slice(batch * BATCH, (batch + 1) * BATCH) });
      }),
    );
  };
  try {
    // Two batches per worker in flight: each stays busy while the reader takes the other.
    for (let b = 0; b < threads * 2; b++) dispatch(b);
    for (let batch = 0; batch < batches; batch++) {
      const verdicts = await results.get(batch)!;
      results.delete(batch);
      dispatch(batch + threads * 2);
      yield* verdicts;
    }
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
