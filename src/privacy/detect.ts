/**
 * Detection of identifying data in free text (motivations, purposes, review notes) before a
 * decision record is signed. Pure: no I/O, no global state; `now` is injectable for tests.
 *
 * The text is normalised first, so copy-paste cannot hide a number: NFKC (fullwidth digits and
 * letters become ASCII, non-breaking, narrow and other spaces become a plain space), zero-width
 * characters and soft hyphens are dropped, and dashes (en dash, minus, ...) become a hyphen. Findings
 * point into the original text: `index`, `length` and `match` are mapped back.
 *
 * Every detector is a bounded or left-anchored regular expression plus a validation step in code,
 * so scanning is linear in the length of the text: patterns either have a fixed maximum length or
 * can only start at the beginning of a run (a negative lookbehind on the characters they consume),
 * which rules out catastrophic backtracking.
 *
 * What is accepted and rejected, per kind:
 *
 * - bsn: 9 digits, written as 123456789, 123.456.789 / 123 456 789 / 123-456-789 or
 *   1234.56.789 / 1234 56 789, that pass the 11-check and are not all zeros. Not when the digits are
 *   part of a longer number (adjacent digits, a decimal or thousands separator followed by digits,
 *   or another group with the same separator), not right after a currency sign (an amount), and not
 *   right after a word that names another number (zaaknummer, dossiernr., kenmerk, factuurnummer, ...).
 * - iban: two letters, two check digits and the BBAN, compact or in groups of four separated by
 *   single spaces or single hyphens (one kind throughout), valid by ISO 13616 mod-97. For a known country the length must match the
 *   registry; an unknown country code is accepted only in upper case with 15 to 34 characters. The
 *   BBAN must hold at least 5 digits (every real one does; prose such as "be12 deze twee zijn" doesn't).
 *   A string shaped like an IBAN of a known country that fails mod-97 is not reported, but it is not
 *   read as a phone number or BSN either (a mistyped account number is not a phone number).
 * - phone: Dutch numbers of 10 digits nationally (0 + area code of 1 to 3 digits + subscriber
 *   number), as 0612345678, 06-12345678, 06 1234 5678, 06-12 34 56 78, 010-1234567, 020 123 4567,
 *   (010) 123 45 67, and internationally +31 6 12345678, +31612345678, 0031 6 12345678,
 *   +31 (0)20 123 4567, 06.12345678, 06/12345678. Groups are separated by one space or hyphen, or
 *   by dots or slashes (then the same one throughout); groups after the first have at least two
 *   digits. Not: 9 or 11 digits, dates such as 01-02-2020, amounts, times, years.
 * - email: local@domain.tld with a tld of at least two letters; `(at)`/`[at]` and `(dot)`/`[dot]`
 *   (also `punt`) stand for `@` and `.`, as people write them to fool address harvesters.
 * - postcode: see the note at `detectPostcodes`.
 * - address: a street name ending in a common street word (straat, laan, weg, plein, gracht, kade,
 *   singel, dijk, dreef, steeg, hof, markt, haven, allee, ...) followed by a house number
 *   ("Dorpsstraat 12", "kerkweg 3b", "Molenlaan 145-2"), without a postcode.
 * - birthdate: dd-mm-yyyy, dd/mm/yyyy, dd.mm.yyyy (one or two digits for day and month),
 *   yyyy-mm-dd, and written months in Dutch or English ("12 maart 1987", "3 March 1990",
 *   "March 3, 1990", abbreviations such as "12 mrt. 1987"). The date must exist, lie between
 *   1900-01-01 and `now`, and either be at least 12 years before `now` (by year) or have a birth
 *   keyword near it (geboren, geb., geboortedatum, born, DOB, date of birth, ...). A date right after
 *   a word that introduces a non-birth date (sinds, per, vanaf, tot, van, op, t/m, d.d., since, from,
 *   until, as of, dated, or a meeting word: overleg, gesprek, MDO, vergadering, ...; e.g. "Wet van 6
 *   juli 2000", "per 1 januari 2000", "MDO 14-03-2011") is not reported unless a birth keyword is
 *   near. With a birth keyword, a two-digit year counts too ("geb. 14-03-'11", "geb. 14-03-11").
 * - name: a form of address (mevrouw, meneer, mijnheer, juffrouw, mejuffrouw, mej., mevr., mw.,
 *   dhr., de heer; and with a capitalised name only: heer, mr., mrs., ms., dr., juf, meester,
 *   dokter, zuster, broeder, pastoor, dominee, ds., prof., drs., ir., ing.; any case, the dot
 *   optional where it is usual to leave it out) followed by optional initials, optional name
 *   particles (van, de, der, den, ter, ...) and a word of at least two letters that is not a
 *   common word after a form of address: a pronoun, article, preposition, adverb or verb
 *   ("mevrouw A. Zij ...", "Mevrouw Wil niet", "Meneer Zegt", "mevrouw belde") or a role noun
 *   ("meneer de buurman"). After the first group of titles the name may be written in lower case
 *   ("mevrouw jansen"); a lower-case word that looks like a verb, adverb or adjective (ends in -de,
 *   -te, -dt, -kt, -gt, -ft, -pt, -lt, -en but not -sen, -lijk, -isch, -ig) is not taken for one. "mevrouw A." alone is not reported. A common word followed
 *   by a capitalised one is a first name ("Mevrouw Wil Jansen").
 */

export type FindingKind = 'bsn' | 'iban' | 'phone' | 'email' | 'postcode' | 'address' | 'birthdate' | 'name';

export interface Finding {
  kind: FindingKind;
  /** UTF-16 offset of the match in the scanned (original, not normalised) text. */
  index: number;
  /** UTF-16 length of the match; `text.slice(index, index + length) === match`. */
  length: number;
  match: string;
}

export interface DetectOptions {
  /** The moment the text is checked; decides which dates are plausible birthdates. Default: now. */
  now?: Date | undefined;
}

/** Identifying data in `text`, sorted by index, without overlaps. Never throws. */
export function findIdentifying(original: string, options: DetectOptions = {}): Finding[] {
  const now = options.now ?? new Date();
  const normalized = normalizeForDetection(original);
  const text = normalized.text;
  const ibans = detectIbans(text);
  const candidates: Finding[] = [
    ...detectEmails(text),
    ...ibans.findings,
    ...outsideSpans(detectBsns(text), ibans.claimed),
    ...outsideSpans(detectPhones(text), ibans.claimed),
    ...detectBirthdates(text, now),
    ...detectPostcodes(text),
    ...detectAddresses(text),
    ...detectNames(text),
  ];
  return resolveOverlaps(candidates).map((f) => normalized.toOriginal(original, f));
}

// ---------------------------------------------------------------------------------------------
// Normalisation

/** Dropped before detection: zero-width space, non-joiner, joiner, word joiner, BOM, soft hyphen. */
const INVISIBLE_RE = /[\u00AD\u200B-\u200D\u2060\uFEFF]/g;
/** Hyphen, non-breaking hyphen, figure dash, en dash, em dash, horizontal bar, minus sign. */
const DASH_RE = /[\u2010-\u2015\u2212]/g;
const SPECIAL_RE = /[\u00AD\u200B-\u200D\u2060\uFEFF\u2010-\u2015\u2212]/;
/** A character with the combining marks after it: NFKC composes within such a cluster. */
const CLUSTER_RE = /\P{M}\p{M}*|\p{M}+/gu;

export interface NormalizedText {
  text: string;
  /** The finding, found in `text`, with index, length and match in `original`. */
  toOriginal(original: string, f: Finding): Finding;
}

const unchanged = (text: string): NormalizedText => ({ text, toOriginal: (_original, f) => f });

/**
 * The text as the detectors read it (see the note at the top), with a map back to the original:
 * every UTF-16 unit of the result knows the original cluster it came from.
 */
export function normalizeForDetection(original: string): NormalizedText {
  // Plain ASCII, or text NFKC leaves alone without invisible characters or dashes: nothing to map.
  if (!/[^\u0000-\u007f]/.test(original) || (!SPECIAL_RE.test(original) && original.normalize('NFKC') === original)) {
    return unchanged(original);
  }
  const parts: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  for (const m of original.matchAll(CLUSTER_RE)) {
    const cluster = m[0];
    const out = cluster.normalize('NFKC').replace(INVISIBLE_RE, '').replace(DASH_RE, '-');
    for (let k = 0; k < out.length; k++) {
      starts.push(m.index);
      ends.push(m.index + cluster.length);
    }
    parts.push(out);
  }
  return {
    text: parts.join(''),
    toOriginal: (text, f) => {
      const start = starts[f.index] ?? 0;
      const end = ends[f.index + f.length - 1] ?? text.length;
      return { kind: f.kind, index: start, length: end - start, match: text.slice(start, end) };
    },
  };
}

/** The order in which overlapping findings of equal length are preferred. */
const PRIORITY: Record<FindingKind, number> = {
  email: 0,
  iban: 1,
  bsn: 2,
  phone: 3,
  birthdate: 4,
  postcode: 5,
  address: 6,
  name: 7,
};

/**
 * Within each cluster of overlapping candidates: longest first (then by priority, then leftmost); a
 * candidate overlapping an accepted one is dropped. Clusters keep this linear in practice.
 */
function resolveOverlaps(candidates: Finding[]): Finding[] {
  const byIndex = [...candidates].sort((a, b) => a.index - b.index || b.length - a.length);
  const result: Finding[] = [];
  let cluster: Finding[] = [];
  let clusterEnd = -1;
  const flush = (): void => {
    if (cluster.length === 1) {
      result.push(...cluster);
    } else if (cluster.length > 1) {
      const ordered = cluster.sort(
        (a, b) => b.length - a.length || PRIORITY[a.kind] - PRIORITY[b.kind] || a.index - b.index,
      );
      const accepted: Finding[] = [];
      for (const candidate of ordered) {
        if (!accepted.some((f) => overlaps(f, candidate))) accepted.push(candidate);
      }
      result.push(...accepted.sort((a, b) => a.index - b.index));
    }
    cluster = [];
  };
  for (const candidate of byIndex) {
    if (candidate.index >= clusterEnd) flush();
    cluster.push(candidate);
    clusterEnd = Math.max(clusterEnd, candidate.index + candidate.length);
  }
  flush();
  return result;
}

/** Drops findings that overlap one of the claimed spans. */
function outsideSpans(findings: Finding[], claimed: readonly Span[]): Finding[] {
  if (claimed.length === 0) return findings;
  // Merge into sorted, disjoint spans so that a binary search finds the only candidate.
  const spans: Span[] = [];
  for (const span of [...claimed].sort((a, b) => a.index - b.index)) {
    const last = spans.at(-1);
    if (last !== undefined && span.index < last.index + last.length) {
      last.length = Math.max(last.length, span.index + span.length - last.index);
    } else {
      spans.push({ ...span });
    }
  }
  return findings.filter((f) => {
    // Binary search for the last span starting before the end of f.
    let lo = 0;
    let hi = spans.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const span = spans[mid];
      if (span !== undefined && span.index < f.index + f.length) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    const span = spans[found];
    return span === undefined || !overlaps(span, f);
  });
}

function overlaps(a: { index: number; length: number }, b: { index: number; length: number }): boolean {
  return a.index < b.index + b.length && b.index < a.index + a.length;
}

function finding(kind: FindingKind, text: string, start: number, end: number): Finding {
  return { kind, index: start, length: end - start, match: text.slice(start, end) };
}

function isDigit(ch: string | undefined): boolean {
  return ch !== undefined && ch >= '0' && ch <= '9';
}

// ---------------------------------------------------------------------------------------------
// BSN

const BSN_RE = /(?<!\p{N})(?:\d{9}|\d{3}([ .-])\d{3}\1\d{3}|\d{4}([ .])\d{2}\2\d{3})(?!\p{N})/gu;

/** The 11-check ("elfproef") of a BSN given as 9 digits: 9*d1 + 8*d2 + ... + 2*d8 - d9 ≡ 0 (mod 11). */
export function passesElevenCheck(digits: string): boolean {
  if (!/^\d{9}$/.test(digits) || digits === '000000000') return false;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += (9 - i) * Number(digits[i]);
  sum -= Number(digits[8]);
  return sum % 11 === 0;
}

function detectBsns(text: string): Finding[] {
  const out: Finding[] = [];
  BSN_RE.lastIndex = 0;
  for (let m = BSN_RE.exec(text); m !== null; m = BSN_RE.exec(text)) {
    const start = m.index;
    const end = start + m[0].length;
    const separator = m[1] ?? m[2];
    const digits = m[0].replace(/\D/g, '');
    if (passesElevenCheck(digits) && !partOfLongerNumber(text, start, end, separator) && !afterCurrency(text, start) && !afterOtherNumberWord(text, start)) {
      out.push(finding('bsn', text, start, end));
    }
  }
  return out;
}

/** A digit followed by `.`/`,` (or by the group separator) right before, or the mirror image after. */
function partOfLongerNumber(text: string, start: number, end: number, separator: string | undefined): boolean {
  const before = text[start - 1];
  const after = text[end];
  if ((before === '.' || before === ',' || (separator !== undefined && before === separator)) && isDigit(text[start - 2])) {
    return true;
  }
  if ((after === '.' || after === ',' || (separator !== undefined && after === separator)) && isDigit(text[end + 1])) {
    return true;
  }
  return false;
}

function afterCurrency(text: string, start: number): boolean {
  return /(?:[€$£ƒ]|\beur|\beuro)\s?$/iu.test(text.slice(Math.max(0, start - 6), start));
}

/**
 * A word that names a number other than a BSN, right before it: a case number that happens to pass
 * the 11-check ("zaaknummer 123456782") is not a BSN. About one in eleven 9-digit numbers passes.
 */
const OTHER_NUMBER_LEAD_RE =
  /(?<!\p{L})(?:(?:zaak|dossier|factuur|order|registratie|referentie|aanvraag|polis|melding|case|file|invoice|reference|ticket)[ -]?(?:nummer|nr|no|number)?|kenmerk|ref)\.?[ ]?[:#]?[ ]?$/iu;

function afterOtherNumberWord(text: string, start: number): boolean {
  return OTHER_NUMBER_LEAD_RE.test(text.slice(Math.max(0, start - 24), start));
}

// ---------------------------------------------------------------------------------------------
// IBAN

/** IBAN lengths per country code (SWIFT IBAN registry). */
const IBAN_LENGTHS: Readonly<Record<string, number>> = {
  AD: 24, AE: 23, AL: 28, AT: 20, AZ: 28, BA: 20, BE: 16, BG: 22, BH: 22, BI: 27, BR: 29, BY: 28,
  CH: 21, CR: 22, CY: 28, CZ: 24, DE: 22, DJ: 27, DK: 18, DO: 28, EE: 20, EG: 29, ES: 24, FI: 18,
  FK: 18, FO: 18, FR: 27, GB: 22, GE: 22, GI: 23, GL: 18, GR: 27, GT: 28, HR: 21, HU: 28, IE: 22,
  IL: 23, IQ: 23, IS: 26, IT: 27, JO: 30, KW: 30, KZ: 20, LB: 28, LC: 32, LI: 21, LT: 20, LU: 20,
  LV: 21, LY: 25, MC: 27, MD: 24, ME: 22, MK: 19, MN: 20, MR: 27, MT: 31, MU: 30, NI: 28, NL: 18,
  NO: 15, OM: 23, PK: 24, PL: 28, PS: 29, PT: 25, QA: 29, RO: 24, RS: 22, RU: 33, SA: 24, SC: 31,
  SD: 18, SE: 24, SI: 19, SK: 24, SM: 27, SO: 23, ST: 25, SV: 28, TL: 23, TN: 24, TR: 26, UA: 29,
  VA: 22, VG: 24, XK: 20, YE: 30,
};

const IBAN_RE =
  /(?<![\p{L}\p{N}])[A-Z]{2}\d{2}(?:[A-Z0-9]{11,30}|([ -])[A-Z0-9]{4}(?:\1[A-Z0-9]{4}){1,6}(?:\1[A-Z0-9]{1,3})?)(?![\p{L}\p{N}])/giu;

/** ISO 13616 / ISO 7064 mod 97-10 on a compact IBAN: valid when the remainder is 1. */
export function passesIbanCheck(iban: string): boolean {
  const compact = iban.replace(/[ -]/g, '').toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(compact)) return false;
  const rearranged = compact.slice(4) + compact.slice(0, 4);
  let remainder = 0;
  for (const ch of rearranged) {
    const value = ch >= 'A' ? ch.charCodeAt(0) - 55 : ch.charCodeAt(0) - 48;
    remainder = (value >= 10 ? remainder * 100 + value : remainder * 10 + value) % 97;
  }
  return remainder === 1;
}

interface Span {
  index: number;
  length: number;
}

function detectIbans(text: string): { findings: Finding[]; claimed: Span[] } {
  const findings: Finding[] = [];
  const claimed: Span[] = [];
  IBAN_RE.lastIndex = 0;
  for (let m = IBAN_RE.exec(text); m !== null; m = IBAN_RE.exec(text)) {
    const start = m.index;
    const raw = m[0];
    const country = raw.slice(0, 2).toUpperCase();
    const known = IBAN_LENGTHS[country];
    // Ends (in `raw`) where the IBAN may stop: the end of the match, or any group boundary.
    const ends: number[] = [];
    for (let i = raw.length; i > 4; i--) if (i === raw.length || raw[i] === ' ' || raw[i] === '-') ends.push(i);
    let matched = false;
    for (const end of ends) {
      const candidate = raw.slice(0, end);
      const compact = candidate.replace(/[ -]/g, '');
      // Real BBANs carry an account number; this keeps words such as "be12 deze twee zijn" out.
      if ((compact.slice(4).match(/\d/g)?.length ?? 0) < 5) continue;
      if (known !== undefined) {
        if (compact.length !== known) continue;
        // Shaped like an IBAN of this country: claimed even when the checksum fails.
        claimed.push({ index: start, length: end });
        matched = passesIbanCheck(compact);
      } else {
        if (compact.length < 15 || compact.length > 34 || candidate !== candidate.toUpperCase()) continue;
        matched = passesIbanCheck(compact);
      }
      if (matched) {
        findings.push(finding('iban', text, start, start + end));
        IBAN_RE.lastIndex = start + end;
      }
      if (matched || known !== undefined) break;
    }
    if (!matched) IBAN_RE.lastIndex = start + 1;
  }
  return { findings, claimed };
}

// ---------------------------------------------------------------------------------------------
// Phone numbers

/** Where a Dutch phone number may begin. Not right after a letter, digit or number punctuation. */
const PHONE_START_RE = /(?<![\p{L}\p{N}+\-/.,_@])(?:\+31|0031|\(0|0)/gu;

function detectPhones(text: string): Finding[] {
  const out: Finding[] = [];
  PHONE_START_RE.lastIndex = 0;
  for (let m = PHONE_START_RE.exec(text); m !== null; m = PHONE_START_RE.exec(text)) {
    const start = m.index;
    const end = parsePhone(text, start);
    if (end !== null) {
      out.push(finding('phone', text, start, end));
      PHONE_START_RE.lastIndex = end;
    } else {
      PHONE_START_RE.lastIndex = start + 1;
    }
  }
  return out;
}

/**
 * A separator between digit groups: one space, hyphen, dot or slash, or a hyphen with a space on
 * either side.
 */
function separatorLength(text: string, i: number): number {
  const a = text[i];
  const b = text[i + 1];
  const c = text[i + 2];
  if (a === ' ' && b === '-' && c === ' ') return 3;
  if ((a === ' ' && b === '-') || (a === '-' && b === ' ')) return 2;
  if (a === ' ' || a === '-' || a === '.' || a === '/') return 1;
  return 0;
}

interface DigitGroups {
  groups: string[];
  end: number;
  /** The first character of each separator read. */
  separators: string;
}

/**
 * Dots and slashes only as the one separator of a number ("06.12345678", "010.123.45.67"): mixed with
 * others they are a date and a time ("06-12-24 10.30"), or a version.
 */
function consistentSeparators({ separators }: DigitGroups): boolean {
  return !/[./]/.test(separators) || separators.split('').every((c) => c === separators[0]);
}

/**
 * Reads digit groups from `i` until `needed` digits are read. Fails when the digits run out first or
 * when the number goes on (a digit, or `-`/`.`/`,` followed by a digit, right after).
 */
function readDigitGroups(text: string, i: number, needed: number): DigitGroups | null {
  const groups: string[] = [];
  let separators = '';
  let current = '';
  let count = 0;
  let pos = i;
  while (count < needed) {
    const ch = text[pos] ?? '';
    if (isDigit(ch)) {
      current += ch;
      count++;
      pos++;
      continue;
    }
    if (current === '') return null;
    const sep = separatorLength(text, pos);
    if (sep === 0 || !isDigit(text[pos + sep])) return null;
    groups.push(current);
    separators += text[pos] ?? '';
    current = '';
    pos += sep;
  }
  groups.push(current);
  const after = text[pos];
  if (isDigit(after)) return null;
  if ((after === '-' || after === '.' || after === ',') && isDigit(text[pos + 1])) return null;
  return { groups, end: pos, separators };
}

/** Groups after the first have at least two digits; at most five groups in all; one kind of dot or slash. */
function plausibleGroups(read: DigitGroups): boolean {
  return read.groups.length <= 5 && read.groups.slice(1).every((g) => g.length >= 2) && consistentSeparators(read);
}

/** The end of a Dutch phone number starting at `start`, or null. */
function parsePhone(text: string, start: number): number | null {
  let i = start;
  if (text.startsWith('+31', i) || text.startsWith('0031', i)) {
    i += text[i] === '+' ? 3 : 4;
    i += separatorLength(text, i);
    if (text.startsWith('(0)', i)) {
      i += 3;
      i += separatorLength(text, i);
    }
    if (!isDigit(text[i]) || text[i] === '0') return null;
    const read = readDigitGroups(text, i, 9);
    if (read === null || !plausibleGroups(read)) return null;
    const first = read.groups[0] ?? '';
    if (read.groups.length > 1 && first.length > 3) return null;
    return read.end;
  }
  if (text[i] === '(') {
    // (010) 123 45 67: an area code of 0 + 1 to 3 digits in parentheses.
    const close = text.indexOf(')', i);
    if (close < 0 || close - i - 1 < 2 || close - i - 1 > 4) return null;
    const area = text.slice(i + 1, close);
    if (!/^0[1-9]\d{0,2}$/.test(area)) return null;
    let j = close + 1;
    j += separatorLength(text, j);
    if (!isDigit(text[j])) return null;
    const read = readDigitGroups(text, j, 10 - area.length);
    if (read === null || !plausibleGroups(read) || (read.groups[0]?.length ?? 0) < 2) return null;
    return read.end;
  }
  // National: 0 + [1-9] + 8 digits.
  if (text[i + 1] === '0') return null;
  const read = readDigitGroups(text, i, 10);
  if (read === null || !plausibleGroups(read)) return null;
  const first = read.groups[0] ?? '';
  if (read.groups.length > 1 && (first.length < 2 || first.length > 4)) return null;
  // 01-02-2020 12 is a date followed by a number, not a phone number.
  if (/^\d{1,2}[-/.]\d{1,2}[-/.]\d{4}/.test(text.slice(start, read.end))) return null;
  return read.end;
}

// ---------------------------------------------------------------------------------------------
// E-mail

// The lookbehind makes a match start only at the beginning of a run of local-part characters,
// which keeps the scan linear on long runs without an @.
// "(at)", "[at]", "(dot)", "[dot]", "(punt)": written out to fool address harvesters, not people.
const AT = String.raw`(?:@|[ ]?[(\[][ ]?(?:at|apenstaartje)[ ]?[)\]][ ]?)`;
const DOT_WORD = String.raw`(?:\.|[ ]?[(\[][ ]?(?:dot|punt)[ ]?[)\]][ ]?)`;
const EMAIL_RE = new RegExp(
  String.raw`(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+${AT}[\p{L}\p{N}-]+(?:${DOT_WORD}[\p{L}\p{N}-]+)*${DOT_WORD}\p{L}{2,}(?![\p{L}\p{N}-])`,
  'giu',
);

function detectEmails(text: string): Finding[] {
  const out: Finding[] = [];
  EMAIL_RE.lastIndex = 0;
  for (let m = EMAIL_RE.exec(text); m !== null; m = EMAIL_RE.exec(text)) {
    out.push(finding('email', text, m.index, m.index + m[0].length));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Postcode

const POSTCODE_RE = /(?<![\p{L}\p{N}])[1-9]\d{3}([ -]?)([A-Za-z]{2})(?![\p{L}\p{N}/]|-(?!\d))/gu;
const HOUSE_NUMBER_AFTER_RE =
  /(?:-|[ ]?,?[ ]{0,2})(?:(?:nr|no|huisnummer)\.?[ ]?)?\d{1,5}(?:[ ]?[a-zA-Z](?![\p{L}\p{N}]))?(?:-\d{1,4})?(?![\p{L}\p{N}])/uy;
const HOUSE_NUMBER_BEFORE_RE = /(?<![\p{N}])\d{1,5}(?:[ \u00A0]?[a-zA-Z])?(?:-\d{1,4})?,?[ \u00A0]{1,2}$/u;
const EXCLUDED_POSTCODE_LETTERS = new Set(['SA', 'SD', 'SS']);
/** Two-letter units that follow numbers in care texts ("1000 MG"); taken for a postcode only with a house number. */
const UNIT_LETTERS = new Set(['MG', 'KG', 'ML', 'CL', 'DL', 'CM', 'MM', 'KM', 'KB', 'MB', 'GB', 'TB', 'HZ', 'KW', 'PK']);
/** Two-letter words that follow a year in prose ("in 2019 en 2023", "2024 te 12 uur"). */
const WORD_LETTERS = new Set(['EN', 'ER', 'TE', 'AL', 'NA', 'ZE', 'WE', 'JE', 'JA', 'DE', 'CA', 'AM', 'PM', 'AN', 'AS', 'AT', 'BY', 'IN', 'IS', 'IT', 'OF', 'ON', 'OP', 'OM', 'OR', 'TO', 'UP', 'NU', 'ZO', 'OK', 'HE', 'ME', 'MY', 'NO', 'SO', 'US', 'VS']);

/**
 * Dutch postcodes: 4 digits not starting with 0 and 2 letters other than SA, SD and SS.
 *
 * Choice: a bare postcode ("1234 AB") is reported, because a postcode narrows an address down to a
 * street or part of one. When a house number follows ("1234 AB 12", "1234AB 12a", "1234 AB, 12",
 * "1234 AB 12-3", "1234-AB-12") or precedes it ("Dorpsstraat 12, 1234 AB") within a few characters,
 * the finding is widened to include it (a following number wins). Upper-case letters ("1234 AB",
 * "1234-AB"), or lower case written directly against the digits ("1234ab"), are a postcode by
 * themselves. Lower case after a space or hyphen ("4331 ab 12", "4331-ab-12") counts only with a
 * house number after it and when the letters are not a short word: in prose a year followed by a
 * short word ("in 2019 en 2023", "2024 op") looks the same. Unit abbreviations ("1000 MG",
 * "1000mg", "2048 MB") count only when a house number follows.
 */
function detectPostcodes(text: string): Finding[] {
  const out: Finding[] = [];
  POSTCODE_RE.lastIndex = 0;
  for (let m = POSTCODE_RE.exec(text); m !== null; m = POSTCODE_RE.exec(text)) {
    let start = m.index;
    let end = start + m[0].length;
    const written = m[2] ?? '';
    const letters = written.toUpperCase();
    if (EXCLUDED_POSTCODE_LETTERS.has(letters)) continue;
    // "4331 ab 12": lower case apart from the digits needs a house number and must not be a word or unit.
    const needsNumber = m[1] !== '' && written !== letters;
    if (needsNumber && (WORD_LETTERS.has(letters) || UNIT_LETTERS.has(letters))) continue;
    HOUSE_NUMBER_AFTER_RE.lastIndex = end;
    const after = HOUSE_NUMBER_AFTER_RE.exec(text);
    if (after !== null) {
      end += after[0].length;
    } else {
      if (UNIT_LETTERS.has(letters) || needsNumber) continue;
      const before = HOUSE_NUMBER_BEFORE_RE.exec(text.slice(Math.max(0, start - 16), start));
      if (before !== null && !/[\p{L}\p{N}]/u.test(text[start - before[0].length - 1] ?? '')) {
        start -= before[0].length;
      }
    }
    out.push(finding('postcode', text, start, end));
    POSTCODE_RE.lastIndex = end;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Street and house number

/**
 * A street name (a word ending in a street word, after at least two letters) and a house number,
 * optionally with a letter or an addition ("12a", "12 A", "12-3"). Only at the start of a word, so the
 * lazy scan over a word's letters stays linear.
 */
const ADDRESS_RE =
  /(?<![\p{L}\p{N}])(\p{L}{2,}?(?:straat|straatje|laan|weg|plein|gracht|kade|singel|dijk|dreef|steeg|hof|markt|haven|allee|wal|burgwal|plantsoen|boulevard|pad|dwarsstraat))[ ]{1,2}(\d{1,4})(?:[ ]?[a-zA-Z](?![\p{L}\p{N}])|-\d{1,4}(?!\p{N}))?(?![\p{L}\p{N}]|[.,:/]\d)/giu;
/** Words that end in a street word but are not streets. */
const NOT_A_STREET = new Set(['onderweg', 'snelweg', 'uitweg', 'omweg', 'zijweg', 'gerechtshof', 'binnenhof', 'arbeidsmarkt', 'woningmarkt', 'fietspad', 'voetpad']);
/** A number after a street word that measures something ("3 km", "5 minuten"), not a house. */
const MEASURE_AFTER_RE = /^[ ]?(?:%|km|m|kg|uur|min|minuten|jaar|keer|dagen|weken|maanden|meter|kilometer|procent)(?![\p{L}])/iu;
/** A postcode right after the number: the postcode detector widens its finding over the number. */
const POSTCODE_AFTER_RE = /^,?[ ]{1,2}[1-9]\d{3}[ -]?[A-Za-z]{2}(?![\p{L}\p{N}])/u;

function detectAddresses(text: string): Finding[] {
  const out: Finding[] = [];
  ADDRESS_RE.lastIndex = 0;
  for (let m = ADDRESS_RE.exec(text); m !== null; m = ADDRESS_RE.exec(text)) {
    const end = m.index + m[0].length;
    const rest = text.slice(end, end + 16);
    if (NOT_A_STREET.has((m[1] ?? '').toLowerCase()) || MEASURE_AFTER_RE.test(rest) || POSTCODE_AFTER_RE.test(rest)) continue;
    out.push(finding('address', text, m.index, end));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Birthdates

const MONTHS: ReadonlyArray<readonly [number, readonly string[]]> = [
  [1, ['januari', 'january', 'jan']],
  [2, ['februari', 'february', 'feb', 'febr']],
  [3, ['maart', 'march', 'mrt', 'mar']],
  [4, ['april', 'apr']],
  [5, ['mei', 'may']],
  [6, ['juni', 'june', 'jun']],
  [7, ['juli', 'july', 'jul']],
  [8, ['augustus', 'august', 'aug']],
  [9, ['september', 'sept', 'sep']],
  [10, ['oktober', 'october', 'okt', 'oct']],
  [11, ['november', 'nov']],
  [12, ['december', 'dec']],
];
const MONTH_BY_NAME = new Map<string, number>(MONTHS.flatMap(([n, names]) => names.map((name) => [name, n] as const)));
// Longest names first so that "september" is not cut to "sep".
const MONTH_ALTERNATION = [...MONTH_BY_NAME.keys()].sort((a, b) => b.length - a.length).join('|');

const NUMERIC_DATE_RE = /(?<![\p{N}\-/.])(\d{1,2})([-/.])(\d{1,2})\2((?:\d{2}|['’‘])?\d{2})(?!\p{N}|[-/.]\p{N})/gu;
const ISO_DATE_RE = /(?<![\p{N}\-/.])(\d{4})-(\d{2})-(\d{2})(?!\p{N}|[-/.]\p{N})/gu;
const DAY_MONTH_YEAR_RE = new RegExp(
  `(?<![\\p{L}\\p{N}])(\\d{1,2})(?:st|nd|rd|th|e|ste|de)?\\.?[ \\u00A0]{1,3}(${MONTH_ALTERNATION})\\.?,?[ \\u00A0]{1,3}(\\d{4}|['’‘]\\d{2})(?!\\p{N})`,
  'giu',
);
const MONTH_DAY_YEAR_RE = new RegExp(
  `(?<![\\p{L}\\p{N}])(${MONTH_ALTERNATION})\\.?[ \\u00A0]{1,3}(\\d{1,2})(?:st|nd|rd|th)?,?[ \\u00A0]{1,3}(\\d{4})(?!\\p{N})`,
  'giu',
);

const BIRTH_KEYWORD_RE =
  /(?<![\p{L}])(?:geboren|geb\.|geb:|geboorte\p{L}*|geb\.?\s?datum|born|dob|d\.o\.b|date\s+of\s+birth|birth\s?date|birthday|verjaardag)(?![\p{L}])/iu;
const NON_BIRTH_LEAD_RE =
  /(?<![\p{L}])(?:sinds|vanaf|per|tot(?:\s+en\s+met)?|t\/m|van|op|d\.d\.|dd|since|from|until|as\s+of|dated|on|overleg|vergadering|bespreking|gesprek|mdo|zitting|bijeenkomst|huisbezoek|meeting|datum)\s*[:(]?\s*$/iu;

interface DateParts {
  year: number;
  month: number;
  day: number;
  /** Written with two digits ("'11"): a birthdate only with a birth keyword near. */
  short?: boolean;
}

/** "'11" or "11" as a year: this century up to `now`, else the last one. */
function fullYear(written: string, now: Date): { year: number; short: boolean } {
  const digits = written.replace(/\D/g, '');
  if (digits.length === 4) return { year: Number(digits), short: false };
  const yy = Number(digits);
  const century = Math.floor(now.getFullYear() / 100) * 100;
  return { year: century + yy <= now.getFullYear() ? century + yy : century - 100 + yy, short: true };
}

function isValidDate({ year, month, day }: DateParts): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
  return day <= days;
}

function detectBirthdates(text: string, now: Date): Finding[] {
  const out: Finding[] = [];
  const consider = (start: number, end: number, options: DateParts[]): void => {
    const parts = options.find(isValidDate);
    if (parts !== undefined && looksLikeBirthdate(text, start, end, parts, now)) {
      out.push(finding('birthdate', text, start, end));
    }
  };

  for (const m of text.matchAll(NUMERIC_DATE_RE)) {
    const a = Number(m[1]);
    const b = Number(m[3]);
    const year = fullYear(m[4] ?? '', now);
    const options: DateParts[] = [{ ...year, month: b, day: a }];
    if (m[2] === '/') options.push({ ...year, month: a, day: b }); // US order, mm/dd/yyyy
    consider(m.index, m.index + m[0].length, options);
  }
  for (const m of text.matchAll(ISO_DATE_RE)) {
    consider(m.index, m.index + m[0].length, [{ year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) }]);
  }
  for (const m of text.matchAll(DAY_MONTH_YEAR_RE)) {
    const month = MONTH_BY_NAME.get((m[2] ?? '').toLowerCase()) ?? 0;
    consider(m.index, m.index + m[0].length, [{ ...fullYear(m[3] ?? '', now), month, day: Number(m[1]) }]);
  }
  for (const m of text.matchAll(MONTH_DAY_YEAR_RE)) {
    const month = MONTH_BY_NAME.get((m[1] ?? '').toLowerCase()) ?? 0;
    consider(m.index, m.index + m[0].length, [{ year: Number(m[3]), month, day: Number(m[2]) }]);
  }
  return out;
}

function looksLikeBirthdate(text: string, start: number, end: number, date: DateParts, now: Date): boolean {
  const nowYear = now.getFullYear();
  if (date.year < 1900 || date.year > nowYear) return false;
  const today = { year: nowYear, month: now.getMonth() + 1, day: now.getDate() };
  const inFuture =
    date.year > today.year ||
    (date.year === today.year && (date.month > today.month || (date.month === today.month && date.day > today.day)));
  if (inFuture) return false;
  // A keyword belongs to the nearest date: the windows stop at another number.
  const before = text.slice(Math.max(0, start - 40), start).replace(/^[\s\S]*\d/u, '');
  const after = text.slice(end, end + 25).replace(/\d[\s\S]*$/u, '');
  if (BIRTH_KEYWORD_RE.test(before) || BIRTH_KEYWORD_RE.test(after)) return true;
  if (date.short || NON_BIRTH_LEAD_RE.test(text.slice(Math.max(0, start - 24), start))) return false;
  return nowYear - date.year >= 12;
}

// ---------------------------------------------------------------------------------------------
// Names

/**
 * Forms of address. Group 1: after these a name may be written in lower case ("mevrouw jansen").
 * Group 2: these are also ordinary words or abbreviations, so only a capitalised name counts.
 */
const TITLE_RE =
  /(?<![\p{L}\p{N}])(?:(mevrouw|meneer|mijnheer|mejuffrouw|juffrouw|mej\.|mevr\.?|mw\.?|dhr\.?|de[ ]+heer)|(heer|mrs\.?|mr\.?|dr\.?|juf|meester|dokter|zuster|broeder|pastoor|dominee|ds\.|prof\.|drs\.|ir\.|ing\.))(?=[ \t\n])/giu;
const PARTICLE = "(?:[Vv]an|[Dd]e|[Dd]er|[Dd]en|[Hh]et|[Tt]er|[Tt]en|[Tt]e|[Ii]n|[Oo]p|'t|’t|[Vv]on|[Ll]a|[Ll]e|[Dd]u|[Dd]a|[Dd]i|[Ee]l|[Aa]l)";
const NAME_WORD = "\\p{L}[\\p{L}'’]+(?:-\\p{L}[\\p{L}'’]*)*";
/** After the title: initials, particles, a surname, and optionally one more word. */
const NAME_AFTER_TITLE_RE = new RegExp(
  `\\s{1,3}((?:\\p{Lu}\\p{Ll}?\\.\\s{0,2}){0,6}(?:${PARTICLE}\\s{1,2}){0,4})(${NAME_WORD})` +
    `(\\s{1,2}(?:${PARTICLE}\\s{1,2}){0,3}(${NAME_WORD}))?`,
  'uy',
);
/**
 * Words that follow a form of address without being a name: pronouns, articles, prepositions,
 * conjunctions, adverbs, common verbs ("Mevrouw Wil niet", "Meneer Zegt"), roles and relatives
 * ("meneer de buurman"), and what one gives or asks a person ("mevrouw toestemming gevraagd").
 */
const NOT_A_NAME = new Set(
  `de het een zij hij ze wij we ik jij je u dit dat deze die daarna daarom toen ook maar en of in op er bij na voor
  om met als want dus nu hier daar wel niet geen later vandaag gisteren morgen verder wat wie waar hoe
  haar hem hen hun zich zelf zijn mijn jouw ons onze uw men iemand niemand iets niets alles beiden
  aan achter af binnen boven buiten door over naar naast onder rond sinds tegen tijdens tot tussen uit van vanaf via
  volgens zonder te ten ter dan doordat hoewel nadat omdat tenzij terwijl totdat wanneer zoals zodat noch
  al alleen altijd bijna daardoor direct eerst eens echt even gewoon graag helemaal heel inmiddels juist meteen
  misschien net nog nooit opnieuw samen snel soms steeds telkens toch vaak vervolgens vooral weer zeker zo zeer
  erg echter eigenlijk namelijk thuis vanochtend vanmiddag vanavond destijds ineens opeens uiteindelijk
  nauwelijks liever bijvoorbeeld akkoord bereid duidelijk boos blij verdrietig ziek bang gelijk zelfstandig
  is was wil wilde wou kan kon mag mocht moet moest zal zou heeft had wordt werd waren zegt zei vraagt vroeg
  geeft gaf gaat ging komt kwam krijgt kreeg laat liet neemt nam ziet zag staat stond blijft bleef doet deed
  weet wist denkt dacht vindt vond woont heet ligt lag zit zat loopt liep kent hoort leeft lijkt leek
  schrijft schreef spreekt sprak brengt bracht houdt hield weigert stemt wenst hoopt begrijpt begreep
  snapt ontkent verklaart toont klaagt huilt lacht schrok schrikt wacht verwacht kiest koos mist
  buurman buurvrouw moeder vader dochter zoon zus broer partner echtgenoot echtgenote man vrouw
  burgemeester wethouder directeur voorzitter rechter officier dokter huisarts arts verpleegkundige
  leerkracht juf meester minister agent cliënt client patiënt bewoner mevrouw meneer heer
  toestemming uitleg informatie advies hulp zorg steun aandacht
  the he she they it this that then and but i you his her him them said says has will would can could
  did does told asked wants wanted agreed called also not`
    .split(/\s+/)
    .filter(Boolean),
);
/**
 * Lower-case words shaped like a verb after a subject or object (belde, werkte, vindt, werkt, zegt,
 * gebeld), or like an adverb or adjective (persoonlijk, telefonisch, nodig): not a surname.
 */
const VERB_LIKE_RE = /(?:de|te|dt|kt|gt|ft|pt|lt|ert|oort|ent|[^s]en|lijk|isch|ig)$|^ge\p{L}{2,}[dt]$/u;

function isCapitalised(word: string): boolean {
  return /^\p{Lu}/u.test(word);
}

function detectNames(text: string): Finding[] {
  const out: Finding[] = [];
  TITLE_RE.lastIndex = 0;
  for (let m = TITLE_RE.exec(text); m !== null; m = TITLE_RE.exec(text)) {
    const start = m.index;
    const lowerCaseAllowed = m[1] !== undefined;
    NAME_AFTER_TITLE_RE.lastIndex = start + m[0].length;
    const rest = NAME_AFTER_TITLE_RE.exec(text);
    if (rest === null) continue;
    const [, before = '', surname = '', tail, extra] = rest;
    let end = NAME_AFTER_TITLE_RE.lastIndex;
    const extraIsName = extra !== undefined && isCapitalised(extra) && !NOT_A_NAME.has(extra.toLowerCase());
    if (tail !== undefined && !extraIsName) end -= tail.length;
    if (isCapitalised(surname)) {
      // "Mevrouw Wil niet" is no name, "Mevrouw Wil Jansen" is.
      if (NOT_A_NAME.has(surname.toLowerCase()) && !extraIsName) continue;
    } else if (!lowerCaseAllowed || before !== '' || NOT_A_NAME.has(surname) || VERB_LIKE_RE.test(surname)) {
      // Lower case only right after the title ("mevrouw jansen"): after particles it is mostly an
      // idiom ("mevrouw van streek", "meneer in het ziekenhuis").
      continue;
    }
    out.push(finding('name', text, start, end));
    TITLE_RE.lastIndex = end;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Masking

export type MaskLanguage = 'nl' | 'en';

export const FINDING_LABELS: Readonly<Record<MaskLanguage, Readonly<Record<FindingKind, string>>>> = {
  nl: {
    bsn: 'BSN',
    iban: 'IBAN',
    phone: 'telefoonnummer',
    email: 'e-mailadres',
    postcode: 'postcode',
    address: 'adres',
    birthdate: 'geboortedatum',
    name: 'naam',
  },
  en: {
    bsn: 'BSN',
    iban: 'IBAN',
    phone: 'phone number',
    email: 'email address',
    postcode: 'postcode',
    address: 'address',
    birthdate: 'date of birth',
    name: 'name',
  },
};

const DOT = '•';

/**
 * A label for the kind and a masked hint, e.g. "BSN 12•••••89", "IBAN NL••••••••••••••00",
 * "telefoonnummer 06••••••78", "e-mailadres j•••@•••.nl", "postcode 12•• ••", "adres Do••• ••",
 * "geboortedatum ••-••-19••", "naam mevrouw J•••". The hint never contains the full value: at most a few leading and trailing
 * characters of a long value are shown.
 */
export function maskFinding(f: Finding, language: MaskLanguage = 'nl'): string {
  const label = FINDING_LABELS[language][f.kind];
  return `${label} ${maskedHint(f)}`;
}

function maskedHint(f: Finding): string {
  const value = normalizeForDetection(f.match).text;
  switch (f.kind) {
    case 'bsn': {
      const digits = value.replace(/\D/g, '');
      return `${digits.slice(0, 2)}${DOT.repeat(Math.max(1, digits.length - 4))}${digits.slice(-2)}`;
    }
    case 'iban': {
      const compact = value.replace(/[\s-]/g, '').toUpperCase();
      return `${compact.slice(0, 2)}${DOT.repeat(Math.max(1, compact.length - 4))}${compact.slice(-2)}`;
    }
    case 'phone': {
      const digits = value.replace(/\D/g, '');
      const international = /^\s*(?:\+|00)/.test(value);
      const prefix = international ? '+31' : digits.slice(0, 2);
      return `${prefix}${DOT.repeat(6)}${digits.slice(-2)}`;
    }
    case 'email': {
      const at = value.lastIndexOf('@');
      const dot = value.lastIndexOf('.');
      const first = value.slice(0, 1);
      const tld = dot > at ? value.slice(dot) : '';
      return `${first}${DOT.repeat(3)}@${DOT.repeat(3)}${tld}`;
    }
    case 'postcode': {
      const code = /[1-9]\d{3}/.exec(value)?.[0] ?? '';
      return `${code.slice(0, 2)}${DOT.repeat(2)} ${DOT.repeat(2)}`;
    }
    case 'address': {
      return `${value.slice(0, 2)}${DOT.repeat(3)} ${DOT.repeat(2)}`;
    }
    case 'birthdate': {
      const year = /\d{4}/.exec(value)?.[0] ?? '';
      return `${DOT.repeat(2)}-${DOT.repeat(2)}-${year.slice(0, 2)}${DOT.repeat(2)}`;
    }
    case 'name': {
      TITLE_RE.lastIndex = 0;
      const title = TITLE_RE.exec(value)?.[0] ?? '';
      const words = value.slice(title.length).trim().split(/\s+/);
      const surname = words.filter((w) => w.length > 1 && !w.endsWith('.')).at(-1) ?? '';
      return `${title.replace(/\s+/g, ' ')} ${surname.slice(0, 1)}${DOT.repeat(3)}`.trim();
    }
  }
}
