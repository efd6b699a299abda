/**
 * Detection of identifying data in free text (motivations, purposes, review notes) before a
 * decision record is signed. Pure: no I/O, no global state; `now` is injectable for tests.
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
 *   or another group with the same separator) and not right after a currency sign (an amount).
 * - iban: two letters, two check digits and the BBAN, compact or in groups of four separated by
 *   single spaces, valid by ISO 13616 mod-97. For a known country the length must match the
 *   registry; an unknown country code is accepted only in upper case with 15 to 34 characters. The
 *   BBAN must hold at least 5 digits (every real one does; prose such as "be12 deze twee zijn" doesn't).
 *   A string shaped like an IBAN of a known country that fails mod-97 is not reported, but it is not
 *   read as a phone number or BSN either (a mistyped account number is not a phone number).
 * - phone: Dutch numbers of 10 digits nationally (0 + area code of 1 to 3 digits + subscriber
 *   number), as 0612345678, 06-12345678, 06 1234 5678, 06-12 34 56 78, 010-1234567, 020 123 4567,
 *   (010) 123 45 67, and internationally +31 6 12345678, +31612345678, 0031 6 12345678,
 *   +31 (0)20 123 4567. Groups are separated by one space or hyphen; groups after the first have at
 *   least two digits. Not: 9 or 11 digits, dates such as 01-02-2020, amounts, times, years.
 * - email: local@domain.tld with a tld of at least two letters.
 * - postcode: see the note at `detectPostcodes`.
 * - birthdate: dd-mm-yyyy, dd/mm/yyyy, dd.mm.yyyy (one or two digits for day and month),
 *   yyyy-mm-dd, and written months in Dutch or English ("12 maart 1987", "3 March 1990",
 *   "March 3, 1990", abbreviations such as "12 mrt. 1987"). The date must exist, lie between
 *   1900-01-01 and `now`, and either be at least 12 years before `now` (by year) or have a birth
 *   keyword near it (geboren, geb., geboortedatum, born, DOB, date of birth, ...). A date right after
 *   a word that introduces a non-birth date (sinds, per, vanaf, tot, van, t/m, d.d., since, from,
 *   until, as of, dated; e.g. "Wet van 6 juli 2000", "per 1 januari 2000") is not reported unless a
 *   birth keyword is near.
 * - name: a form of address (mevrouw, meneer, mijnheer, mevr., mw., mr., mrs., dhr., de heer,
 *   heer; any case, the dot optional) followed by optional initials, optional name particles
 *   (van, de, der, den, ter, ...) and a capitalised word of at least two letters that is not a
 *   common sentence opener ("mevrouw A. Zij ..." is not a name). "mevrouw A." alone is not reported.
 */

export type FindingKind = 'bsn' | 'iban' | 'phone' | 'email' | 'postcode' | 'birthdate' | 'name';

export interface Finding {
  kind: FindingKind;
  /** UTF-16 offset of the match in the scanned text. */
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
export function findIdentifying(text: string, options: DetectOptions = {}): Finding[] {
  const now = options.now ?? new Date();
  const ibans = detectIbans(text);
  const candidates: Finding[] = [
    ...detectEmails(text),
    ...ibans.findings,
    ...outsideSpans(detectBsns(text), ibans.claimed),
    ...outsideSpans(detectPhones(text), ibans.claimed),
    ...detectBirthdates(text, now),
    ...detectPostcodes(text),
    ...detectNames(text),
  ];
  return resolveOverlaps(candidates);
}

/** The order in which overlapping findings of equal length are preferred. */
const PRIORITY: Record<FindingKind, number> = {
  email: 0,
  iban: 1,
  bsn: 2,
  phone: 3,
  birthdate: 4,
  postcode: 5,
  name: 6,
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
    if (passesElevenCheck(digits) && !partOfLongerNumber(text, start, end, separator) && !afterCurrency(text, start)) {
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
  /(?<![\p{L}\p{N}])[A-Z]{2}\d{2}(?:[A-Z0-9]{11,30}|(?: [A-Z0-9]{4}){2,7}(?: [A-Z0-9]{1,3})?)(?![\p{L}\p{N}])/giu;

/** ISO 13616 / ISO 7064 mod 97-10 on a compact IBAN: valid when the remainder is 1. */
export function passesIbanCheck(iban: string): boolean {
  const compact = iban.replace(/ /g, '').toUpperCase();
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
    for (let i = raw.length; i > 4; i--) if (i === raw.length || raw[i] === ' ') ends.push(i);
    let matched = false;
    for (const end of ends) {
      const candidate = raw.slice(0, end);
      const compact = candidate.replace(/ /g, '');
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

/** A separator between digit groups: one space or hyphen, or a hyphen with a space on either side. */
function separatorLength(text: string, i: number): number {
  const a = text[i];
  const b = text[i + 1];
  const c = text[i + 2];
  if (a === ' ' && b === '-' && c === ' ') return 3;
  if ((a === ' ' && b === '-') || (a === '-' && b === ' ')) return 2;
  if (a === ' ' || a === '-' || a === '\u00A0') return 1;
  return 0;
}

interface DigitGroups {
  groups: string[];
  end: number;
}

/**
 * Reads digit groups from `i` until `needed` digits are read. Fails when the digits run out first or
 * when the number goes on (a digit, or `-`/`.`/`,` followed by a digit, right after).
 */
function readDigitGroups(text: string, i: number, needed: number): DigitGroups | null {
  const groups: string[] = [];
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
    current = '';
    pos += sep;
  }
  groups.push(current);
  const after = text[pos];
  if (isDigit(after)) return null;
  if ((after === '-' || after === '.' || after === ',') && isDigit(text[pos + 1])) return null;
  return { groups, end: pos };
}

/** Groups after the first have at least two digits; at most five groups in all. */
function plausibleGroups(groups: string[]): boolean {
  return groups.length <= 5 && groups.slice(1).every((g) => g.length >= 2);
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
    if (read === null || !plausibleGroups(read.groups)) return null;
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
    if (read === null || !plausibleGroups(read.groups) || (read.groups[0]?.length ?? 0) < 2) return null;
    return read.end;
  }
  // National: 0 + [1-9] + 8 digits.
  if (text[i + 1] === '0') return null;
  const read = readDigitGroups(text, i, 10);
  if (read === null || !plausibleGroups(read.groups)) return null;
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
const EMAIL_RE =
  /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}(?![\p{L}\p{N}-])/gu;

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

const POSTCODE_RE = /(?<![\p{L}\p{N}])[1-9]\d{3}(?:[ \u00A0]?([A-Z]{2})|([a-z]{2}))(?![\p{L}\p{N}\-/])/gu;
const HOUSE_NUMBER_AFTER_RE =
  /[ \u00A0]?,?[ \u00A0]{0,2}(?:(?:nr|no|huisnummer)\.?[ \u00A0]?)?\d{1,5}(?:[ \u00A0]?[a-zA-Z](?![\p{L}\p{N}]))?(?:-\d{1,4})?(?![\p{L}\p{N}])/uy;
const HOUSE_NUMBER_BEFORE_RE = /(?<![\p{N}])\d{1,5}(?:[ \u00A0]?[a-zA-Z])?(?:-\d{1,4})?,?[ \u00A0]{1,2}$/u;
const EXCLUDED_POSTCODE_LETTERS = new Set(['SA', 'SD', 'SS']);
/** Two-letter units that follow numbers in care texts ("1000 MG"); taken for a postcode only with a house number. */
const UNIT_LETTERS = new Set(['MG', 'KG', 'ML', 'CL', 'DL', 'CM', 'MM', 'KM', 'KB', 'MB', 'GB', 'TB', 'HZ', 'KW', 'PK']);

/**
 * Dutch postcodes: 4 digits not starting with 0 and 2 letters other than SA, SD and SS.
 *
 * Choice: a bare postcode ("1234 AB") is reported, because a postcode narrows an address down to a
 * street or part of one. When a house number follows ("1234 AB 12", "1234AB 12a", "1234 AB, 12",
 * "1234 AB 12-3") or precedes it ("Dorpsstraat 12, 1234 AB") within a few characters, the finding is
 * widened to include it (a following number wins). The letters must be upper case ("1234 AB",
 * "1234AB"), or lower case written directly against the digits ("1234ab"): "1234 ab" is not
 * reported, because in prose a year followed by a short word ("in 2019 en 2023", "2024 op") looks the
 * same. Unit abbreviations ("1000 MG", "1000mg", "2048 MB") count only when a house number follows.
 */
function detectPostcodes(text: string): Finding[] {
  const out: Finding[] = [];
  POSTCODE_RE.lastIndex = 0;
  for (let m = POSTCODE_RE.exec(text); m !== null; m = POSTCODE_RE.exec(text)) {
    let start = m.index;
    let end = start + m[0].length;
    const letters = (m[1] ?? m[2] ?? '').toUpperCase();
    if (EXCLUDED_POSTCODE_LETTERS.has(letters)) continue;
    HOUSE_NUMBER_AFTER_RE.lastIndex = end;
    const after = HOUSE_NUMBER_AFTER_RE.exec(text);
    if (after !== null) {
      end += after[0].length;
    } else {
      if (UNIT_LETTERS.has(letters)) continue;
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

const NUMERIC_DATE_RE = /(?<![\p{N}\-/.])(\d{1,2})([-/.])(\d{1,2})\2(\d{4})(?!\p{N}|[-/.]\p{N})/gu;
const ISO_DATE_RE = /(?<![\p{N}\-/.])(\d{4})-(\d{2})-(\d{2})(?!\p{N}|[-/.]\p{N})/gu;
const DAY_MONTH_YEAR_RE = new RegExp(
  `(?<![\\p{L}\\p{N}])(\\d{1,2})(?:st|nd|rd|th|e|ste|de)?\\.?[ \\u00A0]{1,3}(${MONTH_ALTERNATION})\\.?,?[ \\u00A0]{1,3}(\\d{4})(?!\\p{N})`,
  'giu',
);
const MONTH_DAY_YEAR_RE = new RegExp(
  `(?<![\\p{L}\\p{N}])(${MONTH_ALTERNATION})\\.?[ \\u00A0]{1,3}(\\d{1,2})(?:st|nd|rd|th)?,?[ \\u00A0]{1,3}(\\d{4})(?!\\p{N})`,
  'giu',
);

const BIRTH_KEYWORD_RE =
  /(?<![\p{L}])(?:geboren|geb\.|geb:|geboorte\p{L}*|geb\.?\s?datum|born|dob|d\.o\.b|date\s+of\s+birth|birth\s?date|birthday|verjaardag)(?![\p{L}])/iu;
const NON_BIRTH_LEAD_RE =
  /(?<![\p{L}])(?:sinds|vanaf|per|tot(?:\s+en\s+met)?|t\/m|van|d\.d\.|since|from|until|as\s+of|dated)\s*[:(]?\s*$/iu;

interface DateParts {
  year: number;
  month: number;
  day: number;
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
    const year = Number(m[4]);
    const options: DateParts[] = [{ year, month: b, day: a }];
    if (m[2] === '/') options.push({ year, month: a, day: b }); // US order, mm/dd/yyyy
    consider(m.index, m.index + m[0].length, options);
  }
  for (const m of text.matchAll(ISO_DATE_RE)) {
    consider(m.index, m.index + m[0].length, [{ year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) }]);
  }
  for (const m of text.matchAll(DAY_MONTH_YEAR_RE)) {
    const month = MONTH_BY_NAME.get((m[2] ?? '').toLowerCase()) ?? 0;
    consider(m.index, m.index + m[0].length, [{ year: Number(m[3]), month, day: Number(m[1]) }]);
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
  if (NON_BIRTH_LEAD_RE.test(text.slice(Math.max(0, start - 16), start))) return false;
  // A keyword belongs to the nearest date: the windows stop at another number.
  const before = text.slice(Math.max(0, start - 40), start).replace(/^[\s\S]*\d/u, '');
  const after = text.slice(end, end + 25).replace(/\d[\s\S]*$/u, '');
  if (BIRTH_KEYWORD_RE.test(before) || BIRTH_KEYWORD_RE.test(after)) return true;
  return nowYear - date.year >= 12;
}

// ---------------------------------------------------------------------------------------------
// Names

const TITLE_RE =
  /(?<![\p{L}\p{N}])(?:mevrouw|meneer|mijnheer|mevr\.?|mw\.?|mrs\.?|mr\.?|dhr\.?|de[ \u00A0]+heer|heer)(?=[ \u00A0\t\n])/giu;
const PARTICLE = "(?:[Vv]an|[Dd]e|[Dd]er|[Dd]en|[Hh]et|[Tt]er|[Tt]en|[Tt]e|[Ii]n|[Oo]p|'t|’t|[Vv]on|[Ll]a|[Ll]e|[Dd]u|[Dd]a|[Dd]i|[Ee]l|[Aa]l)";
const NAME_WORD = "\\p{Lu}[\\p{L}'’]+(?:-\\p{L}[\\p{L}'’]*)*";
/** After the title: initials, particles, a surname, and optionally one more capitalised word. */
const NAME_AFTER_TITLE_RE = new RegExp(
  `\\s{1,3}(?:\\p{Lu}\\p{Ll}?\\.\\s{0,2}){0,6}(?:${PARTICLE}\\s{1,2}){0,4}(${NAME_WORD})` +
    `(\\s{1,2}(?:${PARTICLE}\\s{1,2}){0,3}(${NAME_WORD}))?`,
  'uy',
);
/** Capitalised words that start a sentence rather than a name ("mevrouw A. Zij belde ..."). */
const NOT_A_NAME = new Set(
  [
    'de', 'het', 'een', 'zij', 'hij', 'ze', 'wij', 'we', 'ik', 'jij', 'je', 'u', 'dit', 'dat', 'deze',
    'die', 'daarna', 'daarom', 'toen', 'ook', 'maar', 'en', 'of', 'in', 'op', 'er', 'bij', 'na', 'voor',
    'om', 'met', 'als', 'want', 'dus', 'nu', 'hier', 'daar', 'wel', 'niet', 'geen', 'later', 'vandaag',
    'gisteren', 'morgen', 'verder', 'wat', 'wie', 'waar', 'hoe', 'is', 'was', 'heeft', 'had', 'wordt',
    'the', 'he', 'she', 'they', 'it', 'this', 'that', 'then', 'and', 'but', 'we', 'i', 'you', 'his', 'her',
  ].map((w) => w.toLowerCase()),
);

function detectNames(text: string): Finding[] {
  const out: Finding[] = [];
  TITLE_RE.lastIndex = 0;
  for (let m = TITLE_RE.exec(text); m !== null; m = TITLE_RE.exec(text)) {
    const start = m.index;
    NAME_AFTER_TITLE_RE.lastIndex = start + m[0].length;
    const rest = NAME_AFTER_TITLE_RE.exec(text);
    if (rest === null) continue;
    const surname = rest[1] ?? '';
    if (NOT_A_NAME.has(surname.toLowerCase())) continue;
    let end = NAME_AFTER_TITLE_RE.lastIndex;
    const extra = rest[3];
    if (rest[2] !== undefined && extra !== undefined && NOT_A_NAME.has(extra.toLowerCase())) {
      end -= rest[2].length;
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
    birthdate: 'geboortedatum',
    name: 'naam',
  },
  en: {
    bsn: 'BSN',
    iban: 'IBAN',
    phone: 'phone number',
    email: 'email address',
    postcode: 'postcode',
    birthdate: 'date of birth',
    name: 'name',
  },
};

const DOT = '•';

/**
 * A label for the kind and a masked hint, e.g. "BSN 12•••••89", "IBAN NL••••••••••••••00",
 * "telefoonnummer 06••••••78", "e-mailadres j•••@•••.nl", "postcode 12•• ••", "geboortedatum ••-••-19••",
 * "naam mevrouw J•••". The hint never contains the full value: at most a few leading and trailing
 * characters of a long value are shown.
 */
export function maskFinding(f: Finding, language: MaskLanguage = 'nl'): string {
  const label = FINDING_LABELS[language][f.kind];
  return `${label} ${maskedHint(f)}`;
}

function maskedHint(f: Finding): string {
  const value = f.match;
  switch (f.kind) {
    case 'bsn': {
      const digits = value.replace(/\D/g, '');
      return `${digits.slice(0, 2)}${DOT.repeat(Math.max(1, digits.length - 4))}${digits.slice(-2)}`;
    }
    case 'iban': {
      const compact = value.replace(/\s/g, '').toUpperCase();
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
    case 'birthdate': {
      const year = /\d{4}/.exec(value)?.[0] ?? '';
      return `${DOT.repeat(2)}-${DOT.repeat(2)}-${year.slice(0, 2)}${DOT.repeat(2)}`;
    }
    case 'name': {
      TITLE_RE.lastIndex = 0;
      const title = TITLE_RE.exec(value)?.[0] ?? '';
      const words = value.slice(title.length).trim().split(/\s+/);
      const capitalised = words.filter((w) => w.length > 1 && !w.endsWith('.') && /^\p{Lu}/u.test(w));
      const surname = capitalised.at(-1) ?? '';
      return `${title.replace(/\s+/g, ' ')} ${surname.slice(0, 1)}${DOT.repeat(3)}`.trim();
    }
  }
}
