// OpenSSH allowed_signers files (ssh-keygen(1), ALLOWED SIGNERS), parsed the way sshsig.c does.
import { parsePublicKeyBlob } from './sshsig.js';
import { decodeBase64Strict } from './wire.js';

export interface AllowedSigner {
  /** 1-based line number in the file. */
  line: number;
  /** Principal patterns (`*`, `?`, leading `!` negates), as in ssh_config PATTERNS. */
  principals: string[];
  /** Namespace patterns from `namespaces="..."`, or null when any namespace is allowed. */
  namespaces: string[] | null;
  validAfter: Date | null;
  validBefore: Date | null;
  certAuthority: boolean;
  keyType: string;
  keyBlob: Buffer;
  /** Raw 32-byte key for ssh-ed25519 entries, otherwise null. */
  publicKey: Buffer | null;
  comment: string;
}

export interface AllowedSignersIssue {
  file: string;
  line: number;
  /** 1-based column where the problem starts. */
  column: number;
  message: string;
  /** `file:line:column`, for messages. */
  position: string;
}

export interface ParsedAllowedSigners {
  entries: AllowedSigner[];
  errors: AllowedSignersIssue[];
}

export type TrustFailureCode =
  | 'unknown-key'
  | 'principal-mismatch'
  | 'namespace-not-allowed'
  | 'expired'
  | 'not-yet-valid'
  | 'cert-authority-unsupported';

export type TrustResult =
  | { trusted: true; entryLine: number }
  | { trusted: false; code: TrustFailureCode; reason: string };

export interface TrustQuery {
  principal: string;
  publicKey: Buffer;
  namespace: string;
  at: Date;
}

// Key types sshkey_read knows; anything else in that column is taken as options, as ssh does.
const KEY_TYPES = new Set([
  'ssh-ed25519',
  'ssh-rsa',
  'ssh-dss',
  'ecdsa-sha2-nistp256',
  'ecdsa-sha2-nistp384',
  'ecdsa-sha2-nistp521',
  'sk-ssh-ed25519@openssh.com',
  'sk-ecdsa-sha2-nistp256@openssh.com',
  'ssh-ed25519-cert-v01@openssh.com',
  'ssh-rsa-cert-v01@openssh.com',
  'ssh-dss-cert-v01@openssh.com',
  'ecdsa-sha2-nistp256-cert-v01@openssh.com',
  'ecdsa-sha2-nistp384-cert-v01@openssh.com',
  'ecdsa-sha2-nistp521-cert-v01@openssh.com',
  'sk-ssh-ed25519-cert-v01@openssh.com',
  'sk-ecdsa-sha2-nistp256-cert-v01@openssh.com',
]);

class LineError extends Error {
  constructor(readonly index: number, message: string) {
    super(message);
  }
}

const isSpace = (c: string | undefined): boolean => c === ' ' || c === '\t';

function skipSpace(s: string, i: number): number {
  while (i < s.length && isSpace(s[i])) i++;
  return i;
}

function tokenEnd(s: string, i: number): number {
  while (i < s.length && !isSpace(s[i])) i++;
  return i;
}

// Like sshkey_advance_past_options: whitespace inside double quotes does not end the token.
function optionsEnd(s: string, i: number): number {
  let quoted = false;
  for (; i < s.length; i++) {
    const c = s[i];
    if (!quoted && isSpace(c)) break;
    if (c === '\\' && s[i + 1] === '"') i++;
    else if (c === '"') quoted = !quoted;
  }
  if (quoted) throw new LineError(i, 'unterminated quote in options');
  return i;
}

/** Parses the whole file. Bad lines are reported in `errors` and left out of `entries`. */
export function parseAllowedSigners(text: string, fileName: string): ParsedAllowedSigners {
  const entries: AllowedSigner[] = [];
  const errors: AllowedSignersIssue[] = [];
  const lines = text.split('\n');
  lines.forEach((rawLine, idx) => {
    const line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
    const lineNo = idx + 1;
    try {
      const entry = parseLine(line, lineNo);
      if (entry !== null) entries.push(entry);
    } catch (err) {
      if (!(err instanceof LineError)) throw err;
      const column = err.index + 1;
      errors.push({ file: fileName, line: lineNo, column, message: err.message, position: `${fileName}:${lineNo}:${column}` });
    }
  });
  return { entries, errors };
}

function parseLine(line: string, lineNo: number): AllowedSigner | null {
  let i = skipSpace(line, 0);
  if (i >= line.length || line[i] === '#') return null;

  // Principals, split like ssh's strdelim: the token ends at whitespace, or, if a double quote
  // comes first, the quote is dropped and the token runs to the next quote (spaces allowed).
  const principalsAt = i;
  let end = i;
  while (end < line.length && !isSpace(line[end]) && line[end] !== '"') end++;
  let principalsText = line.slice(i, end);
  i = end;
  if (line[i] === '"') {
    const close = line.indexOf('"', i + 1);
    if (close < 0) throw new LineError(i, 'unterminated quote in principals');
    principalsText += line.slice(i + 1, close);
    i = close + 1;
    if (i < line.length && !isSpace(line[i])) throw new LineError(i, 'expected whitespace after quoted principals');
  }
  if (principalsText === '') throw new LineError(principalsAt, 'empty principals');
  i = skipSpace(line, i);
  if (i >= line.length) throw new LineError(i, 'missing key after principals');

  let options: ParsedOptions = { namespaces: null, validAfter: null, validBefore: null, certAuthority: false };
  let typeEnd = tokenEnd(line, i);
  if (!KEY_TYPES.has(line.slice(i, typeEnd))) {
    const optsAt = i;
    const optsEnd = optionsEnd(line, i);
    const optsText = line.slice(optsAt, optsEnd);
    const next = skipSpace(line, optsEnd);
    const nextType = line.slice(next, tokenEnd(line, next));
    // A mistyped key type would otherwise be reported as an unsupported option.
    if (!optsText.includes('=') && /^[A-Za-z0-9][A-Za-z0-9.@-]*$/.test(optsText) && /^AAAA/.test(nextType)) {
      throw new LineError(optsAt, `unknown key type ${JSON.stringify(optsText)}`);
    }
    options = parseOptions(optsText, optsAt);
    i = next;
    if (i >= line.length) throw new LineError(i, 'missing key after options');
    typeEnd = tokenEnd(line, i);
  }

  const keyType = line.slice(i, typeEnd);
  if (!KEY_TYPES.has(keyType)) throw new LineError(i, `unknown key type ${JSON.stringify(keyType)}`);
  i = skipSpace(line, typeEnd);
  if (i >= line.length) throw new LineError(i, 'missing base64 key');
  const keyEnd = tokenEnd(line, i);
  const keyBlob = decodeBase64Strict(line.slice(i, keyEnd));
  if (keyBlob === null) throw new LineError(i, 'invalid base64 key');
  const parsed = parsePublicKeyBlob(keyBlob);
  if (!parsed.ok) throw new LineError(i, `invalid key: ${parsed.reason}`);
  if (parsed.keyType !== keyType) throw new LineError(i, `key is ${JSON.stringify(parsed.keyType)}, not ${keyType}`);

  return {
    line: lineNo,
    principals: principalsText.split(','),
    ...options,
    keyType,
    keyBlob,
    publicKey: parsed.publicKey,
    comment: line.slice(keyEnd).trim(),
  };
}

interface ParsedOptions {
  namespaces: string[] | null;
  validAfter: Date | null;
  validBefore: Date | null;
  certAuthority: boolean;
}

// Mirrors sshsigopt_parse: case-insensitive names, quoted values, no duplicates.
function parseOptions(opts: string, base: number): ParsedOptions {
  const out: ParsedOptions = { namespaces: null, validAfter: null, validBefore: null, certAuthority: false };
  let i = 0;
  while (i < opts.length) {
    const start = i;
    const rest = opts.slice(i).toLowerCase();
    const valued = ['namespaces', 'valid-after', 'valid-before'].find((n) => rest.startsWith(`${n}=`));
    if (rest.startsWith('cert-authority')) {
      out.certAuthority = true;
      i += 'cert-authority'.length;
    } else if (valued !== undefined) {
      i += valued.length + 1;
      if (opts[i] !== '"') throw new LineError(base + i, `${valued}: value must be in double quotes`);
      let value = '';
      let j = i + 1;
      for (; j < opts.length && opts[j] !== '"'; j++) {
        if (opts[j] === '\\' && opts[j + 1] === '"') j++;
        value += opts[j];
      }
      if (j >= opts.length) throw new LineError(base + i, `${valued}: missing closing quote`);
      i = j + 1;
      if (valued === 'namespaces') {
        if (out.namespaces !== null) throw new LineError(base + start, 'multiple "namespaces" options');
        out.namespaces = value.split(',');
      } else {
        const when = parseTimestamp(value);
        if (when === null) {
          throw new LineError(base + start, `invalid ${valued} time ${JSON.stringify(value)} (expected YYYYMMDD[HHMM[SS]][Z])`);
        }
        const key = valued === 'valid-after' ? 'validAfter' : 'validBefore';
        if (out[key] !== null) throw new LineError(base + start, `multiple "${valued}" options`);
        out[key] = when;
      }
    } else {
      const name = opts.slice(i).split(/[=,]/)[0] ?? '';
      throw new LineError(base + start, `unsupported option ${JSON.stringify(name)}`);
    }
    if (i >= opts.length) break;
    if (opts[i] !== ',') throw new LineError(base + i, 'unexpected text in options (expected ",")');
    i++;
    if (i >= opts.length) throw new LineError(base + i, 'unexpected end of options');
  }
  if (out.validAfter !== null && out.validBefore !== null && out.validBefore.getTime() <= out.validAfter.getTime()) {
    throw new LineError(base, '"valid-before" is not after "valid-after"');
  }
  return out;
}

/**
 * `YYYYMMDD`, `YYYYMMDDHHMM` or `YYYYMMDDHHMMSS`, in local time unless suffixed with `Z` (UTC),
 * as parse_absolute_time in OpenSSH. Returns null for anything else, including impossible dates.
 */
export function parseTimestamp(text: string): Date | null {
  const m = /^(\d{4})(\d{2})(\d{2})(?:(\d{2})(\d{2})(\d{2})?)?([zZ]?)$/.exec(text);
  if (m === null) return null;
  const [y, mo, d, h, mi, s] = [m[1], m[2], m[3], m[4] ?? '0', m[5] ?? '0', m[6] ?? '0'].map(Number) as [
    number, number, number, number, number, number,
  ];
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59) return null;
  const date = new Date(0);
  if (m[7] !== '') {
    date.setUTCFullYear(y, mo - 1, d);
    date.setUTCHours(h, mi, s, 0);
    if (date.getUTCDate() !== d) return null;
  } else {
    date.setFullYear(y, mo - 1, d);
    date.setHours(h, mi, s, 0);
    if (date.getDate() !== d) return null;
  }
  // OpenSSH rejects times at or before the epoch.
  return date.getTime() > 0 ? date : null;
}

/** Glob match with `*` (any run) and `?` (one character), case-sensitive, like match_pattern. */
export function matchPattern(text: string, pattern: string): boolean {
  let t = 0;
  let p = 0;
  let starP = -1;
  let starT = 0;
  while (t < text.length) {
    if (p < pattern.length && (pattern[p] === '?' || (pattern[p] !== '*' && pattern[p] === text[t]))) {
      t++;
      p++;
    } else if (p < pattern.length && pattern[p] === '*') {
      starP = p++;
      starT = t;
    } else if (starP >= 0) {
      p = starP + 1;
      t = ++starT;
    } else {
      return false;
    }
  }
  while (p < pattern.length && pattern[p] === '*') p++;
  return p === pattern.length;
}

/** Like match_pattern_list: true if some pattern matches and no `!`-negated pattern does. */
export function matchPatternList(text: string, patterns: readonly string[]): boolean {
  let matched = false;
  for (const pat of patterns) {
    const negated = pat.startsWith('!');
    if (matchPattern(text, negated ? pat.slice(1) : pat)) {
      if (negated) return false;
      matched = true;
    }
  }
  return matched;
}

function sameKey(entry: AllowedSigner, publicKey: Buffer): boolean {
  return entry.publicKey !== null && entry.publicKey.equals(publicKey);
}

type TrustFailure = { code: TrustFailureCode; reason: string };

function timeFailure(entry: AllowedSigner, at: Date): TrustFailure | null {
  // ssh-keygen compares whole seconds; both bounds are inclusive.
  const atSec = Math.floor(at.getTime() / 1000);
  if (entry.validAfter !== null && atSec < entry.validAfter.getTime() / 1000) {
    return { code: 'not-yet-valid', reason: `line ${entry.line}: key is valid only from ${entry.validAfter.toISOString()}` };
  }
  if (entry.validBefore !== null && atSec > entry.validBefore.getTime() / 1000) {
    return { code: 'expired', reason: `line ${entry.line}: key expired at ${entry.validBefore.toISOString()}` };
  }
  return null;
}

// The first reason `entry` does not allow `namespace` at `at`, or null when it does.
function optionFailure(entry: AllowedSigner, namespace: string, at: Date): TrustFailure | null {
  if (entry.certAuthority) {
    return {
      code: 'cert-authority-unsupported',
      reason: `line ${entry.line} trusts this key as a certificate authority; certificates are not supported and a CA key does not sign directly`,
    };
  }
  if (entry.namespaces !== null && !matchPatternList(namespace, entry.namespaces)) {
    return { code: 'namespace-not-allowed', reason: `line ${entry.line} does not allow namespace ${JSON.stringify(namespace)}` };
  }
  return timeFailure(entry, at);
}

/** Decides whether `publicKey` may sign as `principal` in `namespace` at time `at`. */
export function checkTrust(entries: readonly AllowedSigner[], query: TrustQuery): TrustResult {
  const { principal, publicKey, namespace, at } = query;
  const withKey = entries.filter((e) => sameKey(e, publicKey));
  if (withKey.length === 0) {
    return { trusted: false, code: 'unknown-key', reason: 'the signing key is not in the allowed signers file' };
  }
  const forPrincipal = withKey.filter((e) => matchPatternList(principal, e.principals));
  if (forPrincipal.length === 0) {
    return {
      trusted: false,
      code: 'principal-mismatch',
      reason: `the signing key is not allowed for principal ${JSON.stringify(principal)} (line ${withKey.map((e) => e.line).join(', ')})`,
    };
  }
  const failures: TrustFailure[] = [];
  for (const entry of forPrincipal) {
    const failure = optionFailure(entry, namespace, at);
    if (failure === null) return { trusted: true, entryLine: entry.line };
    failures.push(failure);
  }
  const [first = { code: 'unknown-key', reason: 'no usable entry' }] = failures;
  return { trusted: false, ...first };
}

/**
 * The principal patterns listed for `publicKey` (negations and cert-authority lines left out),
 * optionally only from lines that allow `namespace` at time `at`.
 */
export function principalsForKey(
  entries: readonly AllowedSigner[],
  publicKey: Buffer,
  options: { namespace?: string; at?: Date } = {},
): string[] {
  const out: string[] = [];
  for (const entry of entries) {
    if (!sameKey(entry, publicKey) || entry.certAuthority) continue;
    if (options.namespace !== undefined && entry.namespaces !== null && !matchPatternList(options.namespace, entry.namespaces)) continue;
    if (options.at !== undefined && timeFailure(entry, options.at) !== null) continue;
    for (const p of entry.principals) if (!p.startsWith('!') && !out.includes(p)) out.push(p);
  }
  return out;
}
