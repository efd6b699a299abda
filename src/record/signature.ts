import { signSshsig, type SigningKey } from '../signing/index.js';
import { SIGNATURE_MARKER } from './model.js';

/** The SSHSIG namespace of leertuin records: a signature made for anything else never verifies here. */
export const RECORD_NAMESPACE = 'leertuin-record';

const REVIEW_MARKER = '<!-- leertuin-review ';

/**
 * Signs everything in `text` (which must end with a newline) and appends the signature block:
 * the marker line, the armored signature, and `-->`. Signing a signed record again makes a chain.
 */
export async function appendSignature(text: string, key: SigningKey): Promise<string> {
  const signed = text.replace(/\r\n?/g, '\n');
  if (!signed.endsWith('\n')) throw new Error('signed text must end with a newline');
  const armored = await signSshsig(Buffer.from(signed, 'utf8'), key, RECORD_NAMESPACE);
  return `${signed}${SIGNATURE_MARKER}\n${armored}-->\n`;
}

export const REVIEW_VERDICTS = ['agree', 'disagree', 'discuss'] as const;
export type ReviewVerdict = (typeof REVIEW_VERDICTS)[number];

/** What a countersignature says about itself; kept in one JSON line so the verifier reads it back exactly. */
export interface ReviewMeta {
  principal: string;
  key: string;
  name: string;
  role: string;
  verdict: ReviewVerdict;
  created: string;
  /** Why identifying data in the note was let through, when it was. */
  allow_identifying?: string;
}

/** JSON that can sit inside an HTML comment: no `<`, `>` or line breaks survive unescaped. */
function inertJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The review note a countersignature appends: readable Markdown, then the structured line. */
export function reviewNote(meta: ReviewMeta, body: string, heading: string): string {
  return `\n${heading}\n\n${body.trimEnd()}\n\n${REVIEW_MARKER}${inertJson(meta)} -->\n`;
}

/** The structured line of a review note, when it has one that reads as one. */
export function readReviewMeta(note: string): ReviewMeta | undefined {
  const line = note.split('\n').reverse().find((l) => l.startsWith(REVIEW_MARKER) && l.endsWith(' -->'));
  if (!line) return undefined;
  try {
    const data = JSON.parse(line.slice(REVIEW_MARKER.length, -' -->'.length)) as Partial<ReviewMeta>;
    const ok =
      typeof data.principal === 'string' &&
      typeof data.key === 'string' &&
      typeof data.name === 'string' &&
      typeof data.role === 'string' &&
      typeof data.created === 'string' &&
      (REVIEW_VERDICTS as readonly string[]).includes(String(data.verdict)) &&
      (data.allow_identifying === undefined || typeof data.allow_identifying === 'string');
    return ok ? (data as ReviewMeta) : undefined;
  } catch {
    return undefined;
  }
}
