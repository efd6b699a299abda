import type * as Crypto from 'node:crypto';

/**
 * node:crypto, taken on first use rather than imported: an ES import of it builds every export
 * (webcrypto included) and costs about 6 ms of each start on Node 20, this about 2 ms. The signing
 * code, which always needs it, imports it as usual.
 */
const crypto = (): typeof Crypto => process.getBuiltinModule('node:crypto');

export function sha256Hex(data: string | Uint8Array): string {
  return crypto().createHash('sha256').update(data).digest('hex');
}

export function randomBytes(size: number): Buffer {
  return crypto().randomBytes(size);
}
