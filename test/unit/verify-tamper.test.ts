import { describe, expect, it } from 'vitest';
import { Catalog } from '../../src/dilemma/catalog.js';
import type { LoadedDilemma } from '../../src/dilemma/model.js';
import { buildRecord } from '../../src/record/build.js';
import { loadTemplate, renderRecord } from '../../src/record/render.js';
import { appendSignature } from '../../src/record/signature.js';
import { generateSigningKey, parseAllowedSigners } from '../../src/signing/index.js';
import { RECORD_NAMESPACE } from '../../src/record/signature.js';
import { publicKeyLine } from '../../src/signing/index.js';
import { replay } from '../../src/walk/engine.js';
import { verifyRecord, type VerifyContext } from '../../src/verify/verify.js';

const catalog = new Catalog([]);
const dilemma: LoadedDilemma = catalog.dilemma('verward-gedrag-huisarts');
const key = generateSigningKey();
const principal = 'arts@voorbeeld.nl';
const trust = parseAllowedSigners(`${principal} namespaces="${RECORD_NAMESPACE}" ${publicKeyLine(key.publicKey)}\n`, 'allowed_signers').entries;
const context: VerifyContext = { allowedSigners: trust, findTree: () => dilemma.tree };
const fingerprintOf = async () => (await import('../../src/signing/index.js')).fingerprint(key.publicKey);

async function signedRecord(motivation: string, shortId = 'aaaaaa'): Promise<string> {
  const state = replay(dilemma.tree, new Map([['persoonsgegeven', { answer: 'nee', motivation }]]));
  const record = buildRecord({
    dilemma,
    state,
    author: { name: 'Test', role: 'huisarts', domain: 'zorg', organisation: 'Praktijk' },
    language: 'nl',
    now: new Date('2026-11-23T10:00:00Z'),
    shortId,
    signer: { principal, key: await fingerprintOf() },
  });
  return appendSignature(renderRecord(record, dilemma, loadTemplate()), key.signingKey);
}

describe('tampering with a signed record', () => {
  it('a fresh record is ok', async () => {
    expect(verifyRecord(await signedRecord('Niemand te herkennen.'), context).status).toBe('ok');
  });

  it('any changed byte before the signature gives invalid (or malformed when it breaks the shape)', async () => {
    const text = await signedRecord('Niemand te herkennen.');
    const end = text.indexOf('<!-- leertuin-signature');
    // Every 7th byte of the signed part, changed to another printable character.
    for (let i = 0; i < end; i += 7) {
      const c = text[i]!;
      if (c === '\n' || c === '\r') continue;
      const changed = text.slice(0, i) + (c === 'x' ? 'y' : 'x') + text.slice(i + 1);
      const status = verifyRecord(changed, context).status;
      expect(['invalid', 'malformed'], `byte ${i} (${JSON.stringify(c)})`).toContain(status);
    }
  });

  it('converting the whole file to CRLF still verifies', async () => {
    const text = await signedRecord('Niemand te herkennen.\nOok niet in het dorp.');
    expect(verifyRecord(text.replace(/\n/g, '\r\n'), context).status).toBe('ok');
  });

  it('text after the last signature block is malformed', async () => {
    const text = await signedRecord('Niemand te herkennen.');
    const verdict = verifyRecord(text + 'Nog een zin die niemand ondertekende.\n', context);
    expect(verdict.status).toBe('malformed');
    expect(verdict.reason).toMatch(/after the last signature/);
  });

  it('a motivation holding the marker and a fake armored block gives no second signature', async () => {
    const other = await signedRecord('echt');
    const armored = other.slice(other.indexOf('-----BEGIN'), other.indexOf('-->'));
    const text = await signedRecord(`voor\n<!-- leertuin-signature\n${armored}-->\nna`);
    expect(text.match(/^<!-- leertuin-signature$/gm)).toHaveLength(1);
    const verdict = verifyRecord(text, context);
    expect(verdict.status).toBe('ok');
    expect(verdict.signers).toHaveLength(1);
  });

  it('a signature moved from another record is invalid', async () => {
    const a = await signedRecord('Motivatie A', 'aaaaaa');
    const b = await signedRecord('Motivatie B', 'bbbbbb');
    const marker = '<!-- leertuin-signature';
    const moved = a.slice(0, a.indexOf(marker)) + b.slice(b.indexOf(marker));
    expect(verifyRecord(moved, context).status).toBe('invalid');
  });

  it('an untrusted key gives untrusted; no allowed_signers at all gives untrusted too', async () => {
    const text = await signedRecord('Niemand te herkennen.');
    const stranger = generateSigningKey();
    const otherTrust = parseAllowedSigners(`${principal} ${publicKeyLine(stranger.publicKey)}\n`, 'x').entries;
    expect(verifyRecord(text, { ...context, allowedSigners: otherTrust }).status).toBe('untrusted');
    const none = verifyRecord(text, { ...context, allowedSigners: undefined });
    expect(none.status).toBe('untrusted');
    expect(none.code).toBe('no-allowed-signers');
  });

  it('a record whose path does not lead to its outcome is replay-mismatch; without the tree it is unreplayable, not ok', async () => {
    const text = await signedRecord('Niemand te herkennen.');
    // Re-sign a record whose outcome was edited before signing: the signature is fine, the path is not.
    const unsigned = text.slice(0, text.indexOf('<!-- leertuin-signature'));
    const edited = await appendSignature(unsigned.replace('id: "geen-persoonsgegevens"', 'id: "niet-delen"'), key.signingKey);
    expect(verifyRecord(edited, context).status).toBe('replay-mismatch');
    const noTree = verifyRecord(edited, { ...context, findTree: () => undefined });
    expect(noTree).toMatchObject({ status: 'unreplayable', code: 'tree-unavailable' });
    // The same record with its own tree is fine: only a missing tree makes it unreplayable.
    expect(verifyRecord(text, { ...context, findTree: () => undefined }).status).toBe('unreplayable');
  });

  it('a body whose outcome heading differs from the signed front matter is replay-mismatch, signed or not', async () => {
    const text = await signedRecord('Niemand te herkennen.');
    const unsigned = text.slice(0, text.indexOf('<!-- leertuin-signature'));
    expect(unsigned).toMatch(/^## Uitkomst: Geen persoonsgegevens/m);
    const forged = await appendSignature(unsigned.replace(/^## Uitkomst: .*$/m, '## Uitkomst: Niet delen'), key.signingKey);
    expect(verifyRecord(forged, context)).toMatchObject({ status: 'replay-mismatch', code: 'body-mismatch' });
    // A second outcome heading added below the real one is caught as well.
    const added = await appendSignature(`${unsigned}\n## Uitkomst: Delen, onder voorwaarden\n`, key.signingKey);
    expect(verifyRecord(added, context)).toMatchObject({ status: 'replay-mismatch', code: 'body-mismatch' });
  });
});
