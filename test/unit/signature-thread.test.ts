import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { packChecks, packedSize, unpackChecks } from '../../src/verify/signature-thread.js';
import type { HashAlgorithm } from '../../src/signing/index.js';

describe('the signature thread: what crosses to it', () => {
  it('packs and unpacks checks unchanged: text messages as their UTF-8 bytes, byte messages as they are', () => {
    const check = fc.record({
      message: fc.oneof(fc.string({ unit: 'grapheme', maxLength: 200 }), fc.uint8Array({ maxLength: 200 })),
      namespace: fc.constantFrom('leertuin-record', 'file', 'één'),
      hash: fc.constantFrom<HashAlgorithm>('sha256', 'sha512'),
    });
    fc.assert(
      fc.property(fc.array(check, { maxLength: 20 }), (given) => {
        const checks = given.map((c) => ({ ...c, publicKey: randomBytes(32), signature: randomBytes(64) }));
        const buffer = Buffer.alloc(packedSize(checks) + 7, 0xee);
        const length = packChecks(checks, buffer);
        expect(length).toBe(packedSize(checks));
        const unpacked = unpackChecks(buffer.subarray(0, length));
        expect(unpacked).toHaveLength(checks.length);
        unpacked.forEach((u, i) => {
          const c = checks[i]!;
          expect(Buffer.from(u.message as Uint8Array)).toEqual(typeof c.message === 'string' ? Buffer.from(c.message, 'utf8') : Buffer.from(c.message));
          expect(u.namespace).toBe(c.namespace);
          expect(u.hash).toBe(c.hash);
          expect(Buffer.from(u.publicKey)).toEqual(c.publicKey);
          expect(Buffer.from(u.signature)).toEqual(c.signature);
        });
      }),
    );
  });
});
