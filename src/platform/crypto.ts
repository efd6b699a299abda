import type * as Crypto from 'node:crypto';

/**
 * node:crypto, taken on first use rather than imported: an import loads it when the tool starts,
 * for every command (about 3 ms on Node 20; as an ES module, which builds every export, about 6).
 * The signing code, which always needs it, imports it as usual.
 */
const crypto = (): typeof Crypto => process.getBuiltinModule('node:crypto');

export function sha256Hex(data: string | Uint8Array): string {
  return crypto().createHash('sha256').update(data).digest('hex');
}

export function randomBytes(size: number): Buffer {
  return crypto().randomBytes(size);
}
