import { Worker } from 'node:worker_threads';
import type { HashAlgorithm, PendingSignature } from '../signing/index.js';

type Check = Pick<PendingSignature, 'message' | 'namespace' | 'hash' | 'publicKey' | 'signature'>;

const HASHES: readonly HashAlgorithm[] = ['sha256', 'sha512'];

/**
 * Checks are sent as one buffer per batch, moved rather than copied, and moved back with the
 * answers to be used again: the thread allocates next to nothing, so buffers left to its garbage
 * collector would pile up (on 100,000 records, about 100 MB more at the peak). Per check: the
 * message's length (4 bytes) and UTF-8 bytes, the hash (1: its index in HASHES), the namespace's
 * length (2) and bytes, the raw public key (32) and the raw signature (64). Returns the length used.
 */
export function packChecks(checks: readonly Check[], into: Buffer): number {
  let at = 0;
  for (const check of checks) {
    const messageLength = typeof check.message === 'string' ? Buffer.byteLength(check.message) : check.message.length;
    at = into.writeUInt32BE(messageLength, at);
    if (typeof check.message === 'string') into.write(check.message, at, 'utf8');
    else into.set(check.message, at);
    at += messageLength;
    at = into.writeUInt8(HASHES.indexOf(check.hash), at);
    at = into.writeUInt16BE(Buffer.byteLength(check.namespace), at);
    at += into.write(check.namespace, at, 'utf8');
    at += check.publicKey.copy(into, at);
    at += check.signature.copy(into, at);
  }
  return at;
}

/** The room `checks` take packed. */
export function packedSize(checks: readonly Check[]): number {
  return checks.reduce((sum, c) => sum + 4 + (typeof c.message === 'string' ? Buffer.byteLength(c.message) : c.message.length) + 3 + Buffer.byteLength(c.namespace) + 32 + 64, 0);
}

export function unpackChecks(packed: Uint8Array): Check[] {
  const buffer = Buffer.from(packed.buffer, packed.byteOffset, packed.byteLength);
  const checks: Check[] = [];
  for (let at = 0; at < buffer.length; ) {
    const messageLength = buffer.readUInt32BE(at);
    const message = buffer.subarray(at + 4, (at += 4 + messageLength));
    const hash = HASHES[buffer.readUInt8(at)]!;
    const namespaceLength = buffer.readUInt16BE(at + 1);
    const namespace = buffer.toString('utf8', at + 3, (at += 3 + namespaceLength));
    const publicKey = buffer.subarray(at, (at += 32));
    const signature = buffer.subarray(at, (at += 64));
    checks.push({ message, namespace, hash, publicKey, signature });
  }
  return checks;
}

/** One worker thread that hashes and checks the signatures of a batch verification (see verify/batch.ts). */
export class SignatureThread {
  // The ES module build in dist/verify/, also when this code runs from the tool's bundle (dist/app/).
  private readonly worker = new Worker(new URL('../verify/signature-worker.js', import.meta.url));
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
  check(checks: readonly Check[]): Promise<boolean[]> {
    const id = this.nextId++;
    const size = packedSize(checks);
    const reuse = this.spare.findIndex((buffer) => buffer.length >= size);
    const packed = reuse >= 0 ? this.spare.splice(reuse, 1)[0]! : Buffer.allocUnsafeSlow(Math.max(size, 1 << 20));
    const length = packChecks(checks, packed);
    return new Promise<Uint8Array>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.worker.postMessage({ id, packed, length }, [packed.buffer as ArrayBuffer]);
    }).then((answers) => [...answers].map((answer) => answer === 1));
  }

  close(): Promise<number> {
    return this.worker.terminate();
  }
}
