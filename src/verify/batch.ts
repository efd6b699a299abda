import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { DIST } from '../platform/vendor.js';
import { Catalog } from '../dilemma/catalog.js';
import { treeIndex } from '../dilemma/tree-index.js';
import { readRecordFile } from '../record/files.js';
import { checkSignature, parseAllowedSigners, type AllowedSigner, type PendingSignature } from '../signing/index.js';
import { SignatureThread } from './signature-thread.js';
import { verdictSteps, verifyRecord, type RecordVerdict, type VerifyContext } from './verify.js';

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
  const read = readRecordFile(file);
  if ('reason' in read) return unreadable(file, read);
  return { file, ...verifyRecord(read.text, context, read.bytes) };
}

function unreadable(file: string, problem: { code: string; reason: string }): FileVerdict {
  return { file, status: 'malformed', code: problem.code, reason: problem.reason, signers: [], warnings: [] };
}

// Workers run a bundle of their own (verify/worker.ts), built beside the tool's; run from the
// sources (tests), the build's.
const WORKER = join(DIST, 'app', 'verify-worker.cjs');

/** From this many records a signature thread pays for its start (at 1,000 both paths took the same time here). */
export const SIGNATURE_THREAD_THRESHOLD = 1000;
/** With more than two cores, from this many records each worker thread verifies whole records. */
export const PARALLEL_THRESHOLD = 2000;
// Records in flight survive V8's young-generation collections and fill the old one, so they cost
// memory; fewer, larger batches cost fewer messages between the threads. Since only signed blobs
// cross, 32 x 4 peaks at about 145 MB on 100,000 records here (16 x 4: 138 MB) and is 5% faster
// at 10,000 (when whole texts crossed, 32 x 4 peaked near 270 MB). Whole-record workers (more
// than two cores) take the same batches; that path cannot be timed here.
const BATCH = 32;
const BATCHES_AHEAD = 4;
const YIELD_EVERY = 256;
// When every other batch in flight still waits at the signature thread, this thread checks the
// next itself (1.40 to 1.28 s at 10,000 records here; from two waiting, 1.37 s; from one, 1.57 s).
const CHECK_HERE_FROM = BATCHES_AHEAD - 1;

/**
 * Verifies files in order: results come back in the order of `files`, with a few batches at most
 * in flight, so memory stays flat. How the work is spread depends on the cores allowed:
 *
 * - one: all on this thread;
 * - two (the usual small machine): this thread reads, parses, validates, hashes and replays, while
 *   one signature thread does the Ed25519 checks (about half the work) of the batches before, and
 *   this thread takes a batch's checks itself when that thread falls behind;
 * - more, with many records: worker threads, each verifying whole records.
 *
 * Two full workers on two cores were slower than the signature thread: each starts Node, loads the
 * code and warms up the JIT for its half, with no core left for the compiler and the collector
 * (measured in BENCHMARKS.md). The verdicts are exactly those of `verifyFile` on every path: all
 * run the same verification (verdictSteps in verify.ts).
 */
export async function* verifyMany(
  files: readonly string[],
  setup: VerifySetup,
  options: { threads?: number | undefined; keepRecords: boolean },
): AsyncGenerator<FileVerdict> {
  const threads = Math.min(options.threads ?? availableParallelism(), 8);
  const shape = (verdict: FileVerdict) => (options.keepRecords ? verdict : withoutRecord(verdict));
  if (threads < 2 || files.length < SIGNATURE_THREAD_THRESHOLD) {
    const context = verifyContext(setup);
    for (const [index, file] of files.entries()) {
      yield shape(verifyFile(file, context));
      // Back to the event loop now and then: V8 runs its incremental marking there, so without it a
      // long run piles up garbage (review of 100,000 records peaked at 285 MB, and at 190 MB with it).
      if (index % YIELD_EVERY === YIELD_EVERY - 1) await new Promise((resolve) => setImmediate(resolve));
    }
    return;
  }
  if (threads === 2 || files.length < PARALLEL_THRESHOLD) {
    yield* withSignatureThread(files, verifyContext(setup), shape);
    return;
  }
  const workers = Array.from(
    { length: threads },
    () => new Worker(WORKER, { workerData: { setup, keepRecords: options.keepRecords } }),
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

/**
 * The two-core path of verifyMany. While the signature thread checks the signatures of the batches
 * before, this thread prepares the next (reading, parsing, validating, hashing), then finishes each
 * with its answers (signers' trust, replay). A countersigned record takes one more round per
 * signature.
 */
async function* withSignatureThread(files: readonly string[], context: VerifyContext, shape: (verdict: FileVerdict) => FileVerdict): AsyncGenerator<FileVerdict> {
  const thread = new SignatureThread();
  try {
    const inFlight: Promise<FileVerdict[]>[] = [];
    for (let start = 0; start < files.length || inFlight.length > 0; start += BATCH) {
      if (start < files.length) {
        const batch = verifyBatch(files.slice(start, start + BATCH), context, thread);
        // A failure is thrown where it is awaited, in order; until then it must not count as unhandled.
        batch.catch(() => undefined);
        inFlight.push(batch);
        // A few batches ahead, so this thread keeps working while the signature thread starts.
        if (inFlight.length < BATCHES_AHEAD && start + BATCH < files.length) continue;
      }
      for (const verdict of await inFlight.shift()!) yield shape(verdict);
    }
  } finally {
    await thread.close();
  }
}

async function verifyBatch(files: readonly string[], context: VerifyContext, thread: SignatureThread): Promise<FileVerdict[]> {
  const verdicts: FileVerdict[] = new Array(files.length);
  type Waiting = { index: number; steps: ReturnType<typeof verdictSteps>; pending: PendingSignature };
  let waiting: Waiting[] = [];
  const advance = (index: number, steps: Waiting['steps'], step: IteratorResult<PendingSignature, RecordVerdict>, into: Waiting[]) => {
    if (step.done) verdicts[index] = { file: files[index]!, ...step.value };
    else into.push({ index, steps, pending: step.value });
  };
  files.forEach((file, index) => {
    const read = readRecordFile(file);
    if ('reason' in read) verdicts[index] = unreadable(file, read);
    else {
      const steps = verdictSteps(read.text, context, read.bytes);
      advance(index, steps, steps.next(), waiting);
    }
  });
  while (waiting.length > 0) {
    const pending = waiting.map((w) => w.pending);
    // With batches queued at the signature thread, it is the slower one (the Ed25519 checks are
    // most of the work): this thread then checks the batch itself, with the same function, instead
    // of waiting.
    const answers = thread.queued >= CHECK_HERE_FROM ? pending.map(checkSignature) : await thread.check(pending);
    const next: Waiting[] = [];
    waiting.forEach((w, i) => advance(w.index, w.steps, w.steps.next(answers[i]!), next));
    waiting = next;
  }
  return verdicts;
}
