import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { packChecks, packedSize, unpackChecks } from '../../src/verify/signature-thread.js';

const bytes = (length: { minLength?: number; maxLength: number }) => fc.uint8Array(length).map((b) => Buffer.from(b));

describe('the signature thread: what crosses to it', () => {
  it('packs and unpacks checks unchanged', () => {
    const check = fc.record({ signed: bytes({ maxLength: 300 }), publicKey: bytes({ minLength: 32, maxLength: 32 }), signature: bytes({ minLength: 64, maxLength: 64 }) });
    fc.assert(
      fc.property(fc.array(check, { maxLength: 20 }), (checks) => {
        const buffer = Buffer.alloc(packedSize(checks) + 7, 0xee);
        const length = packChecks(checks, buffer);
        expect(length).toBe(packedSize(checks));
        expect(unpackChecks(buffer.subarray(0, length))).toEqual(checks);
      }),
    );
  });
});
