import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Catalog } from '../../src/dilemma/catalog.js';
import { buildRecord } from '../../src/record/build.js';
import { SIGNATURE_MARKER } from '../../src/record/model.js';
import { RecordFormatError, signedBytes, splitRecord, MAX_RECORD_BYTES, type ParsedRecord, type SignatureBlock } from '../../src/record/parse.js';
import { loadTemplate, renderRecord } from '../../src/record/render.js';
import { appendSignature } from '../../src/record/signature.js';
import { fingerprint, generateSigningKey } from '../../src/signing/index.js';
import { replay } from '../../src/walk/engine.js';

/**
 * splitRecord searches the text for its markers; this is the plain version it replaced, which cuts
 * the text into lines and looks at each (kept here as the reference). Both must split every text
 * the same way, or fail with the same message.
 */
const ARMOR = /^-----BEGIN SSH SIGNATURE-----\n[A-Za-z0-9+/=\n]+-----END SSH SIGNATURE-----\n$/;
function lineAt(text: string, offset: number): number {
  return text.slice(0, offset).split('\n').length;
}
function plainSplit(input: string): ParsedRecord {
  if (input.length > MAX_RECORD_BYTES) throw new RecordFormatError('record is larger than 1 MB');
  const text = (input.startsWith('\uFEFF') ? input.slice(1) : input).replace(/\r\n?/g, '\n');
  if (!text.startsWith('---\n')) throw new RecordFormatError('does not start with front matter (---)', 1);
  const end = text.indexOf('\n---\n', 3);
  if (end < 0) throw new RecordFormatError('front matter is not closed with ---');
  const frontMatter = text.slice(4, end + 1);
  const bodyStart = end + 5;
  // Two front matters are ambiguous: a reader could take the second, which nothing here checks.
  const secondStart = /^(?:[ \t]*\n)*---[ \t]*(?:\n|$)/.exec(text.slice(bodyStart));
  if (secondStart) throw new RecordFormatError('a second front matter (---) follows the first', lineAt(text, bodyStart + secondStart[0].lastIndexOf('---')));
  const lines = text.split('\n');
  const signatures: SignatureBlock[] = [];
  let offset = 0;
  let bodyEnd: number | undefined;
  let previousEnd = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line === SIGNATURE_MARKER) {
      if (offset < bodyStart) throw new RecordFormatError('signature block inside the front matter', i + 1);
      const close = lines.indexOf('-->', i + 1);
      if (close < 0) throw new RecordFormatError('signature block is not closed with -->', i + 1);
      const armored = lines.slice(i + 1, close).join('\n') + '\n';
      if (!ARMOR.test(armored)) throw new RecordFormatError('signature block does not hold an SSH signature', i + 2);
      bodyEnd ??= offset;
      signatures.push({ armored, signedText: text.slice(0, offset), note: text.slice(previousEnd, offset) });
      for (let j = i; j <= close; j++) offset += lines[j]!.length + 1;
      previousEnd = Math.min(offset, text.length);
      i = close;
      continue;
    }
    offset += line.length + 1;
  }
  if (signatures.length > 0 && text.slice(previousEnd).trim() !== '') {
    const line = text.slice(0, previousEnd).split('\n').length;
    throw new RecordFormatError('text after the last signature block', line);
  }
  if (signatures.length > 0 && !text.endsWith('\n')) throw new RecordFormatError('signature block does not end with a newline');
  return { text, frontMatter, body: text.slice(bodyStart, bodyEnd ?? text.length), signatures };
}

function outcome(split: (text: string) => ParsedRecord, text: string): ParsedRecord | string {
  try {
    return split(text);
  } catch (error) {
    if (error instanceof RecordFormatError) return `RecordFormatError: ${error.message}`;
    throw error;
  }
}

const dilemma = new Catalog([]).dilemma('verward-gedrag-huisarts');
const key = generateSigningKey();
async function signed(motivation: string): Promise<string> {
  const state = replay(dilemma.tree, new Map([['persoonsgegeven', { answer: 'nee', motivation }]]));
  const record = buildRecord({
    dilemma,
    state,
    author: { name: 'Test', role: 'huisarts', domain: 'zorg', organisation: 'Praktijk' },
    language: 'nl',
    now: new Date('2026-11-23T10:00:00Z'),
    shortId: 'split1',
    signer: { principal: 'arts@voorbeeld.nl', key: fingerprint(key.publicKey) },
  });
  return appendSignature(renderRecord(record, dilemma, loadTemplate()), key.signingKey);
}

const single = await signed('Niemand te herkennen.');
const chained = await appendSignature(`${single}\n## Review\n\nBesproken.\n`, key.signingKey);
const PIECES = [SIGNATURE_MARKER, `${SIGNATURE_MARKER}\n`, `\n${SIGNATURE_MARKER}\n`, '-->', '-->\n', '\n-->', '-----BEGIN SSH SIGNATURE-----\n', '-----END SSH SIGNATURE-----\n', 'AAAA\n', '---\n', '\n---\n', '\r\n', '\r', '\uFEFF', '\n', ' ', 'x'];

describe('splitRecord', () => {
  it('splits real records as the line-by-line reference does: one signature, a chain of two', () => {
    for (const text of [single, chained, single.replace(/\n/g, '\r\n'), `\uFEFF${chained}`]) {
      const parsed = splitRecord(text);
      expect(parsed).toEqual(plainSplit(text));
      expect(parsed.signatures.length).toBeGreaterThan(0);
    }
  });

  it('splits mutated records, or refuses them, exactly as the reference does', () => {
    const edit = fc.record({ at: fc.nat(), cut: fc.nat({ max: 40 }), piece: fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 4 })) });
    fc.assert(
      fc.property(fc.constantFrom(single, chained), fc.array(edit, { minLength: 1, maxLength: 4 }), (base, edits) => {
        const text = edits.reduce((t, e) => {
          const at = e.at % (t.length + 1);
          return t.slice(0, at) + e.piece + t.slice(at + (e.cut % 3 === 0 ? e.cut : 0));
        }, base);
        expect(outcome(splitRecord, text)).toEqual(outcome(plainSplit, text));
      }),
      { numRuns: Number(process.env.LEERTUIN_FUZZ_RUNS) || 1000 },
    );
  });

  it('agrees with the reference on texts made of markers and fragments alone', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIECES, '---\nid: x\n---\n', 'body\n'), { maxLength: 30 }), (parts) => {
        const text = parts.join('');
        expect(outcome(splitRecord, text)).toEqual(outcome(plainSplit, text));
      }),
      { numRuns: Number(process.env.LEERTUIN_FUZZ_RUNS) || 1000 },
    );
  });
});

describe('signedBytes', () => {
  // As readRecordFile reads a file: the bytes, and their text (a leading byte order mark dropped).
  const asRead = (text: string) => {
    const bytes = Buffer.from(text, 'utf8');
    return { bytes, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  };
  /**
   * toEqual compares a Buffer byte by byte through its generic equality (about 30 s for the 1000
   * records below); Buffer.equals says the same at once, and toEqual still shows a mismatch.
   */
  const expectBytes = (cut: Uint8Array, text: string) => {
    const expected = Buffer.from(text, 'utf8');
    if (!Buffer.from(cut.buffer, cut.byteOffset, cut.byteLength).equals(expected)) expect(cut).toEqual(expected);
  };
  const cutsOf = (text: string) => {
    const read = asRead(text);
    const parsed = splitRecord(read.text);
    return parsed.signatures.map((block) => ({ block, cut: signedBytes(parsed, read.text, read.bytes, block) }));
  };

  it('cuts exactly the UTF-8 bytes of what each signature signs from a record as written', () => {
    for (const text of [single, chained, single.replace('Niemand', 'Één persoon, € 5, 😀')]) {
      const cuts = cutsOf(text);
      expect(cuts.length).toBeGreaterThan(0);
      for (const { block, cut } of cuts) {
        expect(cut).toBeDefined();
        expectBytes(cut!, block.signedText);
      }
    }
  });

  it('cuts nothing when the text was changed in reading: CR LF line endings, a byte order mark', () => {
    for (const text of [single.replace(/\n/g, '\r\n'), `\uFEFF${chained}`, `\uFEFF\uFEFF${single}`]) {
      for (const { cut } of cutsOf(text)) expect(cut).toBeUndefined();
    }
  });

  it('on mutated records gives the bytes of the signed text or nothing, never other bytes', () => {
    const edit = fc.record({ at: fc.nat(), piece: fc.constantFrom(...PIECES, 'é', '€', '😀', '\u2028') });
    fc.assert(
      fc.property(fc.constantFrom(single, chained), fc.array(edit, { minLength: 1, maxLength: 4 }), (base, edits) => {
        const text = edits.reduce((t, e) => {
          const at = e.at % (t.length + 1);
          return t.slice(0, at) + e.piece + t.slice(at);
        }, base);
        let cuts;
        try {
          cuts = cutsOf(text);
        } catch (error) {
          if (error instanceof RecordFormatError) return;
          throw error;
        }
        for (const { block, cut } of cuts) if (cut !== undefined) expectBytes(cut, block.signedText);
      }),
      { numRuns: Number(process.env.LEERTUIN_FUZZ_RUNS) || 1000 },
    );
  });
});
