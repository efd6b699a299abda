import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkTrust,
  matchPattern,
  matchPatternList,
  parseAllowedSigners,
  parseTimestamp,
  principalsForKey,
  type TrustResult,
} from '../../src/signing/allowed-signers.js';
import { loadPrivateKeyFile } from '../../src/signing/keys.js';
import { signSshsig, type SigningKey } from '../../src/signing/sshsig.js';
import { NAMESPACE, cleanupTempDirs, sshKeygenKey, sshKeygenVerify, tempDir } from './helpers.js';
import { missing } from '../helpers/tools.js';

let key: SigningKey;
let pub: string; // "ssh-ed25519 AAAA..."
let otherPub: string;
let ecdsaPub: string;
let sig: string;
const data = Buffer.from('the record\n');

beforeAll(async () => {
  const dir = tempDir();
  const path = sshKeygenKey(dir, 'id_ed25519');
  key = await loadPrivateKeyFile(path);
  pub = readFileSync(`${path}.pub`, 'utf8').split(' ').slice(0, 2).join(' ');
  otherPub = readFileSync(`${sshKeygenKey(dir, 'other')}.pub`, 'utf8').split(' ').slice(0, 2).join(' ');
  ecdsaPub = readFileSync(`${sshKeygenKey(dir, 'ec', { type: 'ecdsa' })}.pub`, 'utf8').trim();
  sig = await signSshsig(data, key, NAMESPACE);
});
afterAll(cleanupTempDirs);

function trust(text: string, principal: string, at: string, namespace = NAMESPACE): TrustResult {
  const parsed = parseAllowedSigners(text, 'allowed_signers');
  expect(parsed.errors).toEqual([]);
  const when = parseTimestamp(at);
  if (when === null) throw new Error(`bad test time ${at}`);
  return checkTrust(parsed.entries, { principal, publicKey: key.publicKey, namespace, at: when });
}

describe.skipIf(missing('ssh-keygen'))('checkTrust agrees with ssh-keygen -Y verify', () => {
  // [allowed_signers text (PUB = our key), principal, verify time, expected result]
  const cases: Array<[string, string, string, string, number | null]> = [
    ['plain', 'alice@example.org PUB', 'alice@example.org', '20250101Z', 1],
    ['wildcard principal', '*@example.org PUB', 'alice@example.org', '20250101Z', 1],
    ['wildcard, other domain', '*@example.org PUB', 'bob@other.org', '20250101Z', null],
    ['? pattern', 'a?ice@example.org PUB', 'alice@example.org', '20250101Z', 1],
    ['negated pattern', '*@example.org,!mallory@example.org PUB', 'mallory@example.org', '20250101Z', null],
    ['quoted list', '"alice@example.org,bob@example.org" PUB', 'bob@example.org', '20250101Z', 1],
    ['quote inside the list', 'bob@example.org,"alice@example.org" PUB', 'alice@example.org', '20250101Z', 1],
    ['quoted principal with a space', '"alice smith@example.org" PUB', 'alice smith@example.org', '20250101Z', 1],
    ['namespace pattern', 'alice@example.org namespaces="file,leertuin-*" PUB', 'alice@example.org', '20250101Z', 1],
    ['namespace not allowed', 'alice@example.org namespaces="file,git" PUB', 'alice@example.org', '20250101Z', null],
    ['option names are case-insensitive', 'alice@example.org NAMESPACES="leertuin-record" PUB', 'alice@example.org', '20250101Z', 1],
    ['not yet valid', 'alice@example.org valid-after="20300101" PUB', 'alice@example.org', '20250101Z', null],
    ['valid after', 'alice@example.org valid-after="20300101" PUB', 'alice@example.org', '20310101Z', 1],
    ['expired', 'alice@example.org valid-before="20200101Z" PUB', 'alice@example.org', '20250101Z', null],
    ['window start inclusive', 'alice@example.org valid-after="20240101120000Z",valid-before="20240101120010Z" PUB', 'alice@example.org', '20240101120000Z', 1],
    ['window end inclusive', 'alice@example.org valid-after="20240101120000Z",valid-before="20240101120010Z" PUB', 'alice@example.org', '20240101120010Z', 1],
    ['just after window', 'alice@example.org valid-after="20240101120000Z",valid-before="20240101120010Z" PUB', 'alice@example.org', '20240101120011Z', null],
    ['just before window', 'alice@example.org valid-after="20240101120000Z",valid-before="20240101120010Z" PUB', 'alice@example.org', '20240101115959Z', null],
    ['cert-authority', 'alice@example.org cert-authority PUB', 'alice@example.org', '20250101Z', null],
    ['unknown key', 'alice@example.org OTHER', 'alice@example.org', '20250101Z', null],
    ['second line matches', 'alice@example.org namespaces="file" PUB\nalice@example.org PUB', 'alice@example.org', '20250101Z', 2],
    ['comments, blanks, CRLF, trailing comment', '# trusted\r\n\r\n   alice@example.org PUB alice key\r\n', 'alice@example.org', '20250101Z', 3],
    ['other key first', 'alice@example.org OTHER\n*@example.org PUB', 'alice@example.org', '20250101Z', 2],
  ];
  for (const [name, template, principal, at, line] of cases) {
    it(name, () => {
      const text = template.replace(/PUB/g, pub).replace(/OTHER/g, otherPub);
      const ours = trust(text, principal, at);
      const theirs = sshKeygenVerify(`${text}\n`, principal, sig, data, NAMESPACE, ['-O', `verify-time=${at}`]);
      expect(ours.trusted, JSON.stringify(ours)).toBe(theirs.status === 0);
      if (line !== null) expect(ours).toEqual({ trusted: true, entryLine: line });
    });
  }
});

describe.skipIf(missing('ssh-keygen'))('checkTrust failure codes', () => {
  const code = (r: TrustResult): string => (r.trusted ? 'trusted' : r.code);
  it('names each reason', () => {
    expect(code(trust(`alice@example.org ${otherPub}`, 'alice@example.org', '20250101Z'))).toBe('unknown-key');
    expect(code(trust(`*@example.org ${pub}`, 'bob@other.org', '20250101Z'))).toBe('principal-mismatch');
    expect(code(trust(`alice@example.org namespaces="file" ${pub}`, 'alice@example.org', '20250101Z'))).toBe('namespace-not-allowed');
    expect(code(trust(`alice@example.org valid-before="20200101" ${pub}`, 'alice@example.org', '20250101Z'))).toBe('expired');
    expect(code(trust(`alice@example.org valid-after="20300101" ${pub}`, 'alice@example.org', '20250101Z'))).toBe('not-yet-valid');
    expect(code(trust(`alice@example.org cert-authority ${pub}`, 'alice@example.org', '20250101Z'))).toBe('cert-authority-unsupported');
    expect(code(trust(`alice@example.org ${ecdsaPub}`, 'alice@example.org', '20250101Z'))).toBe('unknown-key');
  });
});

describe.skipIf(missing('ssh-keygen'))('parseAllowedSigners', () => {
  it('reads entries with line numbers, options and comments', () => {
    const text = [
      '# team',
      '',
      `alice@example.org,"bob@example.org" ${pub} laptop key`,
      `"carol smith@example.org" namespaces="leertuin-record,file",valid-after="20240101",valid-before="20991231235959Z" ${pub}`,
      `*@example.org cert-authority ${otherPub}`,
      `dave@example.org ${ecdsaPub}`,
    ].join('\n');
    const { entries, errors } = parseAllowedSigners(text, 'as');
    expect(errors).toEqual([]);
    expect(entries.map((e) => e.line)).toEqual([3, 4, 5, 6]);
    const [alice, carol, ca, dave] = entries;
    expect(alice?.principals).toEqual(['alice@example.org', 'bob@example.org']);
    expect(alice?.comment).toBe('laptop key');
    expect(alice?.publicKey?.equals(key.publicKey)).toBe(true);
    expect(carol?.principals).toEqual(['carol smith@example.org']);
    expect(carol?.namespaces).toEqual(['leertuin-record', 'file']);
    expect(carol?.validAfter?.getTime()).toBe(new Date(2024, 0, 1).getTime());
    expect(carol?.validBefore?.toISOString()).toBe('2099-12-31T23:59:59.000Z');
    expect(ca?.certAuthority).toBe(true);
    expect(dave?.keyType).toBe('ecdsa-sha2-nistp256');
    expect(dave?.publicKey).toBeNull();
  });

  it('reports bad lines with file:line:column, and ssh-keygen rejects them too', () => {
    const b64 = pub.split(' ')[1] ?? '';
    // [line, expected column, message fragment]
    const bad: Array<[string, number, string]> = [
      ['alice@example.org', 18, 'missing key'],
      [`alice@example.org valid-after=20240101 ${pub}`, 31, 'double quotes'],
      [`alice@example.org bogus ${pub}`, 19, 'unsupported option "bogus"'],
      [`alice@example.org namespaces="a",namespaces="b" ${pub}`, 34, 'multiple "namespaces"'],
      [`alice@example.org namespaces="a", ${pub}`, 34, 'end of options'],
      [`alice@example.org namespaces="a"x ${pub}`, 33, 'expected ","'],
      [`alice@example.org namespaces="a ${pub}`, 19 + 'namespaces="a '.length + pub.length, 'unterminated quote'],
      [`alice@example.org valid-after="20241301" ${pub}`, 19, 'invalid valid-after time'],
      [`alice@example.org valid-after="20250101",valid-before="20240101" ${pub}`, 19, 'not after'],
      [`alice@example.org ssh-ed2559 ${b64}`, 19, 'unknown key type "ssh-ed2559"'],
      ['alice@example.org ssh-ed25519', 30, 'missing base64 key'],
      ['alice@example.org ssh-ed25519 !!!!', 31, 'invalid base64'],
      [`alice@example.org ssh-rsa ${b64}`, 27, 'not ssh-rsa'],
      [`"alice@example.org ${pub}`, 1, 'unterminated quote in principals'],
      [`alice@example.org,"bob"@example.org ${pub}`, 24, 'expected whitespace after quoted principals'],
      [`"alice@example.org"x ${pub}`, 20, 'expected whitespace after quoted principals'],
      [`  alice@example.org cert-authority,  ${pub}`, 36, 'end of options'],
    ];
    const text = ['# header', ...bad.map(([l]) => l)].join('\n');
    const { entries, errors } = parseAllowedSigners(text, 'allowed_signers');
    expect(entries).toEqual([]);
    expect(errors.map((e) => [e.line, e.column])).toEqual(bad.map(([, col], i) => [i + 2, col]));
    errors.forEach((e, i) => {
      expect(e.message).toContain(bad[i]?.[2]);
      expect(e.position).toBe(`allowed_signers:${e.line}:${e.column}`);
      expect(e.file).toBe('allowed_signers');
    });
    for (const [line] of bad) {
      const res = sshKeygenVerify(`${line}\n`, 'alice@example.org', sig, data, NAMESPACE);
      expect(res.status, line).not.toBe(0);
    }
  });

  it('skips bad lines but keeps good ones', () => {
    const { entries, errors } = parseAllowedSigners(`bad line\nalice@example.org ${pub}\n`, 'f');
    expect(entries.map((e) => e.line)).toEqual([2]);
    expect(errors.map((e) => e.position)).toEqual(['f:1:5']);
  });
});

describe.skipIf(missing('ssh-keygen'))('principalsForKey', () => {
  it('lists the principals for a key, filtered by namespace and time', () => {
    const text = [
      `alice@example.org,!eve@example.org ${pub}`,
      `*@team.example.org namespaces="file" ${pub}`,
      `old@example.org valid-before="20200101Z" ${pub}`,
      `ca@example.org cert-authority ${pub}`,
      `bob@example.org ${otherPub}`,
      `alice@example.org ${pub}`,
    ].join('\n');
    const { entries } = parseAllowedSigners(text, 'as');
    expect(principalsForKey(entries, key.publicKey)).toEqual(['alice@example.org', '*@team.example.org', 'old@example.org']);
    const at = new Date('2025-01-01T00:00:00Z');
    expect(principalsForKey(entries, key.publicKey, { namespace: NAMESPACE, at })).toEqual(['alice@example.org']);
    expect(principalsForKey(entries, Buffer.alloc(32))).toEqual([]);
  });
});

describe.skipIf(missing('ssh-keygen'))('patterns and timestamps', () => {
  it('matches like OpenSSH match_pattern', () => {
    expect(matchPattern('', '*')).toBe(true);
    expect(matchPattern('abc', 'a*c')).toBe(true);
    expect(matchPattern('aXbYc', 'a*b*c')).toBe(true);
    expect(matchPattern('ab', 'a?')).toBe(true);
    expect(matchPattern('a', 'a?')).toBe(false);
    expect(matchPattern('Alice', 'alice')).toBe(false);
    expect(matchPattern('abc', 'ab')).toBe(false);
    expect(matchPattern('a'.repeat(5000), `${'a*'.repeat(50)}b`)).toBe(false); // no exponential blow-up
    expect(matchPatternList('x@y', ['a@b', 'x@*'])).toBe(true);
    expect(matchPatternList('x@y', ['*', '!x@y'])).toBe(false);
    expect(matchPatternList('x@y', ['!z'])).toBe(false);
  });

  it('parses YYYYMMDD[HHMM[SS]][Z] in local time or UTC', () => {
    expect(parseTimestamp('20240229')?.getTime()).toBe(new Date(2024, 1, 29).getTime());
    expect(parseTimestamp('202402291230')?.getTime()).toBe(new Date(2024, 1, 29, 12, 30).getTime());
    expect(parseTimestamp('20240229123045Z')?.toISOString()).toBe('2024-02-29T12:30:45.000Z');
    expect(parseTimestamp('20240229z')?.toISOString()).toBe('2024-02-29T00:00:00.000Z');
    for (const bad of ['2024', '202401011', '20230229', '20241301', '20240101246000', '19700101Z', '2024-01-01', '20240101ZZ']) {
      expect(parseTimestamp(bad), bad).toBeNull();
    }
  });
});
