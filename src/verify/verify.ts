import type { Tree } from '../dilemma/model.js';
import { tIn } from '../i18n/index.js';
import { markdownText } from '../record/markdown.js';
import { readFrontMatterData, RecordFormatError, signedBytes, splitRecord, validateFrontMatter } from '../record/parse.js';
import { recordSchema, type DecisionRecord } from '../record/model.js';
import { groupState } from '../workshop/group.js';
import { WORKSHOP_KIND, workshopRecordSchema, type WorkshopRecord } from '../workshop/model.js';
import { RECORD_NAMESPACE, readReviewMeta } from '../record/signature.js';
import { checkSignature, checkTrust, prepareSshsig, settleSshsig, type AllowedSigner, type PendingSignature } from '../signing/index.js';
import { WalkError, replay, type GivenAnswer } from '../walk/engine.js';

/** One status per record; the order of this list is the order of precedence when several apply. */
export const STATUSES = ['malformed', 'invalid', 'replay-mismatch', 'unsigned', 'unreplayable', 'untrusted', 'ok'] as const;
export type RecordStatus = (typeof STATUSES)[number];

export interface SignerResult {
  /** `author` for the first signature, `reviewer` for each countersignature. */
  role: 'author' | 'reviewer';
  principal: string;
  key: string;
  trusted: boolean;
  /** Why the signer is not trusted, as allowed_signers decided. */
  trust?: string;
  verdict?: string;
}

export interface RecordVerdict {
  status: RecordStatus;
  /** Stable code for the status's cause, e.g. `bad-signature`, `key-mismatch`, `no-allowed-signers`. */
  code?: string;
  reason?: string;
  signers: SignerResult[];
  warnings: string[];
  /** The record's id, when its front matter could be read. */
  id?: string;
  /** A decision record's front matter, when it could be read. */
  record?: DecisionRecord;
  /** A workshop record's front matter (`kind: workshop`), when it could be read. */
  workshop?: WorkshopRecord;
}

export interface VerifyContext {
  /** Trusted signers; undefined when no allowed_signers file is configured (nothing is trusted then). */
  allowedSigners: readonly AllowedSigner[] | undefined;
  /** The tree a record pinned, by its hashes; undefined when no such tree is at hand. */
  findTree(record: Pick<DecisionRecord, 'dilemma' | 'kader'>): Tree | undefined;
  /** false: always use the full YAML parser (tests compare both paths). */
  fastFrontMatter?: boolean;
}

/**
 * Checks a record's structure, signature chain, signers' trust and, where the tree is known, its
 * path. `bytes`, when given, are the UTF-8 bytes `text` was read as (faster to hash).
 */
export function verifyRecord(text: string, context: VerifyContext, bytes?: Uint8Array): RecordVerdict {
  const steps = verdictSteps(text, context, bytes);
  let step = steps.next();
  while (!step.done) step = steps.next(checkSignature(step.value));
  return step.value;
}

/**
 * The verification itself. It hands out each signature's Ed25519 check (the one slow step, about
 * half the time of a record) and is given the answer: verifyRecord answers at once, batch
 * verification on another thread (verify/batch.ts). One body, so the verdicts are the same.
 */
export function* verdictSteps(text: string, context: VerifyContext, bytes?: Uint8Array): Generator<PendingSignature, RecordVerdict, boolean> {
  let parsed;
  let record: DecisionRecord | WorkshopRecord;
  try {
    parsed = splitRecord(text);
    const data = readFrontMatterData(parsed, { fast: context.fastFrontMatter !== false });
    const isWorkshop = typeof data === 'object' && data !== null && (data as { kind?: unknown }).kind === WORKSHOP_KIND;
    record = isWorkshop ? validateFrontMatter(data, workshopRecordSchema()) : validateFrontMatter(data, recordSchema());
  } catch (error) {
    if (error instanceof RecordFormatError) return { status: 'malformed', code: 'malformed', reason: error.message, signers: [], warnings: [] };
    throw error;
  }
  const warnings: string[] = [];
  if (record.allow_identifying) warnings.push('allow-identifying');
  const result = (status: RecordStatus, code?: string, reason?: string, signers: SignerResult[] = []): RecordVerdict => ({
    status,
    id: record.id,
    ...(code ? { code } : {}),
    ...(reason ? { reason } : {}),
    signers,
    warnings,
    ...('kind' in record ? { workshop: record } : { record }),
  });

  const signers: SignerResult[] = [];
  for (const [index, block] of parsed.signatures.entries()) {
    const message = (bytes && signedBytes(parsed, text, bytes, block)) ?? block.signedText;
    const prepared = prepareSshsig(message, block.armored, RECORD_NAMESPACE);
    const check = 'signature' in prepared ? settleSshsig(prepared, yield prepared) : prepared;
    if (!check.ok) {
      const status = check.code === 'bad-signature' || check.code === 'wrong-namespace' ? 'invalid' : 'malformed';
      return result(status, check.code, `signature ${index + 1}: ${check.reason}`, signers);
    }
    const meta = index === 0 ? undefined : readReviewMeta(block.note);
    if (meta?.allow_identifying && !warnings.includes('allow-identifying')) warnings.push('allow-identifying');
    const claimed = index === 0 ? record.signer : meta;
    if (!claimed) {
      return result('malformed', 'no-signer', index === 0 ? 'signed, but the front matter names no signer' : `signature ${index + 1} has no review note naming its signer`, signers);
    }
    if (claimed.key !== check.fingerprint) {
      return result('invalid', 'key-mismatch', `signature ${index + 1} was made with ${check.fingerprint}, not the named key ${claimed.key}`, signers);
    }
    const at = new Date(index === 0 ? record.created : (meta?.created ?? record.created));
    const trust = context.allowedSigners
      ? checkTrust(context.allowedSigners, { principal: claimed.principal, publicKey: check.publicKey, namespace: RECORD_NAMESPACE, at })
      : ({ trusted: false, code: 'no-allowed-signers', reason: 'no allowed_signers file is configured' } as const);
    signers.push({
      role: index === 0 ? 'author' : 'reviewer',
      principal: claimed.principal,
      key: check.fingerprint,
      trusted: trust.trusted,
      ...(trust.trusted ? {} : { trust: trust.code }),
      ...(meta ? { verdict: meta.verdict } : {}),
    });
  }
  if (parsed.signatures.length > 0 && record.unsigned) return result('malformed', 'unsigned-but-signed', 'marked unsigned but carries a signature', signers);
  if (parsed.signatures.length === 0 && record.signer) return result('invalid', 'signature-removed', 'names a signer but has no signature', signers);

  const tree = context.findTree(record);
  if (tree) {
    // An archived version replays as well as the current one; the reader learns a newer one exists.
    if (tree.supersededBy !== undefined) warnings.push(`newer-version:${tree.supersededBy}`);
    const mismatch = replayMismatch(tree, record);
    if (mismatch) return result('replay-mismatch', 'replay-mismatch', mismatch, signers);
  }
  // The body people read must say the outcome the signed front matter says.
  const bodyMismatch = 'kind' in record ? undefined : bodyOutcomeMismatch(parsed.body, record);
  if (bodyMismatch) return result('replay-mismatch', 'body-mismatch', bodyMismatch, signers);
  if (parsed.signatures.length === 0) return result('unsigned', 'unsigned', undefined, signers);
  // Without its tree nothing shows that the path leads to the outcome: not ok unless asked for.
  if (!tree) return result('unreplayable', 'tree-unavailable', `no known tree has the pinned hash ${(record.kader ?? record.dilemma).sha256.slice(0, 12)}`, signers);
  const untrusted = signers.find((s) => !s.trusted);
  if (untrusted) return result('untrusted', untrusted.trust, `${untrusted.principal} (${untrusted.key}) is not trusted: ${untrusted.trust}`, signers);
  return result('ok', undefined, undefined, signers);
}

/**
 * Why the body's outcome heading (`## Uitkomst: …` as the record's template writes it) differs
 * from the front matter's outcome, or undefined. A template without that heading is not checked.
 */
export function bodyOutcomeMismatch(body: string, record: DecisionRecord): string | undefined {
  const prefix = `## ${tIn(record.language === 'en' ? 'en' : 'nl', 'record.outcome')}: `;
  const expected = markdownText(record.outcome.label);
  for (let found = body.indexOf(prefix); found >= 0; found = body.indexOf(prefix, found + prefix.length)) {
    if (found > 0 && body[found - 1] !== '\n') continue;
    const end = body.indexOf('\n', found);
    const line = body.slice(found + prefix.length, end < 0 ? body.length : end);
    if (line !== expected) return `the body says the outcome is "${line.slice(0, 80)}", the front matter "${record.outcome.label.slice(0, 80)}"`;
  }
  return undefined;
}

/** Why the recorded path does not lead to the recorded outcome under `tree`, or undefined when it does. */
export function replayMismatch(tree: Tree, record: DecisionRecord | WorkshopRecord): string | undefined {
  if ('kind' in record) return groupMismatch(tree, record);
  const answers = new Map<string, GivenAnswer>();
  for (const entry of record.path) {
    if (answers.has(entry.node)) return `node ${entry.node} appears twice in the path`;
    answers.set(entry.node, entry.motivation ? { answer: entry.answer, motivation: entry.motivation } : { answer: entry.answer });
  }
  try {
    const state = replay(tree, answers);
    const taken = state.steps.filter((s) => s.answer !== null);
    if (taken.length !== record.path.length || record.path.some((entry, i) => entry.node !== taken[i]!.node)) return 'the path is not in the order the tree asks';
    return outcomeMismatch(tree, state.at, record.outcome);
  } catch (error) {
    if (error instanceof WalkError) return `${error.code} at ${error.node}`;
    throw error;
  }
}

/** The same check for a workshop record: the group's choices, replayed as a walk. */
function groupMismatch(tree: Tree, record: WorkshopRecord): string | undefined {
  try {
    const state = groupState(
      tree,
      record.path.map((e) => ({ node: e.node, choice: e.choice, ...(e.arguments ? { arguments: e.arguments } : {}) })),
    );
    return outcomeMismatch(tree, state.at, record.outcome);
  } catch (error) {
    if (error instanceof WalkError) return `${error.code} at ${error.node}`;
    throw error;
  }
}

function outcomeMismatch(tree: Tree, at: string, outcome: { id: string; verdict: string }): string | undefined {
  if (at !== outcome.id) return `the path leads to ${at}, not to ${outcome.id}`;
  const node = tree.nodes.get(at);
  if (node?.kind === 'outcome' && node.verdict !== outcome.verdict) return `verdict is ${node.verdict}, not ${outcome.verdict}`;
  return undefined;
}
