import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { DIST } from '../platform/vendor.js';
import { signedData, type PendingSignature } from '../signing/sshsig.js';

/** What the signature thread checks: the signed blob (the message hashed already), key and signature. */
export interface Check {
  signed: Buffer;
  publicKey: Buffer;
  signature: Buffer;
}

const KEY_BYTES = 32;
const SIGNATURE_BYTES = 64;

/**
 * Checks are sent as one buffer per batch, moved rather than copied, and moved back with the
 * answers to be used again: the thread allocates next to nothing, so buffers left to its garbage
 * collector would pile up (on 100,000 records, about 100 MB more at the peak). Per check: the signed
 * blob's length (2 bytes) and bytes (about 120), the raw public key (32) and the raw signature (64).
 * Returns the length used.
 */
export function packChecks(checks: readonly Check[], into: Buffer): number {
  let at = 0;
  for (const check of checks) {
    at = into.writeUInt16BE(check.signed.length, at);
    at += check.signed.copy(into, at);
    at += check.publicKey.copy(into, at);
    at += check.signature.copy(into, at);
  }
  return at;
}

/** The room `checks` take packed. */
export function packedSize(checks: readonly Check[]): number {
  return checks.reduce((sum, c) => sum + 2 + c.signed.length + KEY_BYTES + SIGNATURE_BYTES, 0);
}

export function unpackChecks(packed: Uint8Array): Check[] {
  const buffer = Buffer.from(packed.buffer, packed.byteOffset, packed.byteLength);
  const checks: Check[] = [];
  for (let at = 0; at < buffer.length; ) {
    const signedLength = buffer.readUInt16BE(at);
    const signed = buffer.subarray(at + 2, (at += 2 + signedLength));
    const publicKey = buffer.subarray(at, (at += KEY_BYTES));
    const signature = buffer.subarray(at, (at += SIGNATURE_BYTES));
    checks.push({ signed, publicKey, signature });
  }
  return checks;
}

/** One worker thread that checks the signatures of a batch verification (see verify/batch.ts). */
export class SignatureThread {
  // Batches the thread has finished, counted by the thread itself: answers reach this thread only
  // when it next waits, so they cannot tell how far behind the signature thread is.
  private readonly done = new Int32Array(new SharedArrayBuffer(4));
  // A bundle of its own (verify/signature-worker.ts), built beside the tool's; from the sources (tests), the build's.
  private readonly worker = new Worker(join(DIST, 'app', 'signature-worker.cjs'), { workerData: { done: this.done } });
  private readonly waiting = new Map<number, { resolve: (answers: Uint8Array) => void; reject: (error: unknown) => void }>();
  private readonly spare: Buffer[] = [];
  private nextId = 0;

  constructor() {
    this.worker.on('message', (message: { id: number; answers: Uint8Array; packed: Uint8Array }) => {
      this.spare.push(Buffer.from(message.packed.buffer, message.packed.byteOffset, message.packed.byteLength));
      this.waiting.get(message.id)?.resolve(message.answers);
      this.waiting.delete(message.id);
    });
    this.worker.on('error', (error) => {
      for (const waiting of this.waiting.values()) waiting.reject(error);
      this.waiting.clear();
    });
  }

  /** Whether each signature is valid, in the order given. */
  check(pending: readonly Pick<PendingSignature, 'message' | 'namespace' | 'hash' | 'publicKey' | 'signature'>[]): Promise<boolean[]> {
    // Hashed here: the messages are bytes of the files read here, and the blobs sent are small. The
    // signature thread is left the Ed25519 checks, which are more than half of all the work; letting
    // it hash too when it is waiting for work measured no faster.
    const checks = pending.map((p) => ({ signed: signedData(p.message, p.namespace, p.hash), publicKey: p.publicKey, signature: p.signature }));
    const id = this.nextId++;
    const size = packedSize(checks);
    const reuse = this.spare.findIndex((buffer) => buffer.length >= size);
    const packed = reuse >= 0 ? this.spare.splice(reuse, 1)[0]! : Buffer.allocUnsafeSlow(Math.max(size, 1 << 16));
    const length = packChecks(checks, packed);
    return new Promise<Uint8Array>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.worker.postMessage({ id, packed, length }, [packed.buffer as ArrayBuffer]);
    }).then((answers) => [...answers].map((answer) => answer === 1));
  }

  /** Batches sent and not yet checked. */
  get queued(): number {
    return this.nextId - Atomics.load(this.done, 0);
  }

  close(): Promise<number> {
    return this.worker.terminate();
  }
}
