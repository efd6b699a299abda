import { resolve } from 'node:path';
import { Catalog } from '../dilemma/catalog.js';
import { treeIndex } from '../dilemma/tree-index.js';
import { LeertuinError } from '../errors.js';
import { t, tIn, type Language } from '../i18n/index.js';
import { personTexts } from '../privacy/guard.js';
import { checkReason, identifyingError, scan } from './shared/privacy.js';
import { readRecordFile } from '../record/files.js';
import { markdownText } from '../record/markdown.js';
import { REVIEW_VERDICTS, appendSignature, reviewNote, type ReviewVerdict } from '../record/signature.js';
import { writeFileAtomic } from '../platform/atomic.js';
import { workSaved } from '../platform/signals.js';
import { verifyRecord, type RecordVerdict } from '../verify/verify.js';
import { withFileLock } from '../platform/lock.js';
import { argument, defineCommand, option } from './define.js';
import { sharedOption } from './shared/common-options.js';
import { loadAllowedSigners, obtainSigner } from './shared/signing.js';
import { localTimestamp } from '../platform/time.js';

/** A record that is malformed, changed after signing or does not replay is not countersigned. */
function refuseUnsignable(path: string, verdict: RecordVerdict): void {
  if (verdict.status === 'malformed' || verdict.status === 'invalid' || verdict.status === 'replay-mismatch') {
    throw new LeertuinError('countersign-refused', t('countersign.refused', { file: path, status: verdict.status }), {
      exitCode: 1,
      hint: verdict.reason ?? '',
    });
  }
}

/**
 * `leertuin countersign <record>`: a reviewer appends a review note and a signature over everything
 * before it, the earlier signatures included, so removing or changing any part breaks the chain.
 */
export default defineCommand({
  args: { record: argument.required() },
  options: {
    verdict: option.choice(REVIEW_VERDICTS, '<verdict>'),
    note: option.text('<text>'),
    name: option.text('<name>'),
    role: option.text('<role>'),
    key: sharedOption.key,
    allowIdentifying: sharedOption.allowIdentifying,
  },
  examples: ['leertuin countersign records/verslag.md --verdict agree --note "Goed onderbouwd." --name "T. Rainer" --role trainer'],
  async run(ctx, { record: file }, options) {
    checkReason(options.allowIdentifying);
    const path = resolve(ctx.cwd, file);
    const config = ctx.config();
    const read = readRecordFile(path);
    if ('reason' in read) throw new LeertuinError(read.code, `${path}: ${read.reason}`, { position: { file: path } });
    const { text } = read;
    const context = { allowedSigners: loadAllowedSigners(ctx, config).entries, findTree: treeIndex(Catalog.of(config)) };
    const before = verifyRecord(text, context);
    refuseUnsignable(path, before);
    const prompter = ctx.interactive ? (await import('../terminal/prompts.js')).createPrompter({ input: ctx.stdin, output: ctx.stderr }) : undefined;
    const missing = (flag: string): never => {
      throw new LeertuinError('missing-option', t('countersign.missing', { flag }), { hint: t('countersign.missingHint') });
    };
    const verdict: ReviewVerdict =
      options.verdict ??
      (prompter ? await prompter.select(t('countersign.verdict'), REVIEW_VERDICTS.map((v) => ({ value: v, name: t(`verdict.${v}`) }))) : missing('--verdict'));
    const note = options.note ?? (prompter ? await prompter.text(t('countersign.note'), { validate: (v) => (v.trim() ? true : t('walk.answerMissing')) }) : missing('--note'));
    const name = options.name ?? config.author.name ?? (prompter ? await prompter.text(t('walk.authorName')) : missing('--name'));
    const role = options.role ?? config.author.role ?? (prompter ? await prompter.text(t('walk.authorRole')) : missing('--role'));
    // The privacy guard over the note, name and role: identifying data goes in only with a recorded reason.
    const hits = scan([{ field: 'note', text: note }, ...personTexts('', { name, role })]);
    let allowIdentifying: string | undefined;
    if (hits.length > 0) {
      if (options.allowIdentifying) allowIdentifying = options.allowIdentifying;
      else if (prompter) allowIdentifying = await (await import('../terminal/walk-session.js')).askIdentifyingReason({ prompter, say: (s = '') => ctx.stderr.write(s + '\n'), style: ctx.style }, hits);
      else throw identifyingError(hits);
    }
    const signer = await obtainSigner(ctx, config, options.key);

    // The note is written in the record's language, so a record reads as one document.
    const lang = ((before.record ?? before.workshop)?.language === 'en' ? 'en' : 'nl') as Language;
    const created = localTimestamp(new Date());
    const heading = `## ${tIn(lang, 'countersign.heading')}: ${markdownText(name)} (${markdownText(role)})`;
    const body = [
      `${tIn(lang, 'countersign.verdictLabel')}: **${tIn(lang, `verdict.${verdict}`)}**`,
      '',
      ...markdownText(note).split('\n').map((line) => (line.trim() ? `> ${line}` : '>')),
      '',
      `${tIn(lang, 'countersign.signedBy')}: ${markdownText(signer.principal)}, ${created}`,
    ].join('\n');
    const meta = { principal: signer.principal, key: signer.fingerprint, name, role, verdict, created, ...(allowIdentifying ? { allow_identifying: allowIdentifying } : {}) };
    // Another countersign may have written the record since it was read (prompts take time): under the
    // lock the file is read again and this note and signature go after whatever it holds now, so no
    // signature is lost. A record that changed into something not to be signed is refused.
    try {
      await withFileLock(path, async () => {
        const current = readRecordFile(path);
        if ('reason' in current) throw new LeertuinError(current.code, `${path}: ${current.reason}`, { position: { file: path } });
        if (current.text !== text) refuseUnsignable(path, verifyRecord(current.text, context));
        const signed = await appendSignature(current.text.replace(/\r\n?/g, '\n') + reviewNote(meta, body, heading), signer.key);
        writeFileAtomic(path, signed);
        workSaved();
      });
    } catch (error) {
      if (error instanceof LeertuinError) throw error;
      const reason = (error as NodeJS.ErrnoException).code ?? String(error);
      throw new LeertuinError('write-failed', t('record.writeFailed', { file: path, reason }), { hint: t('countersign.writeFailedHint'), cause: error });
    }
    if (ctx.options.json) ctx.outJson({ ok: true, record: path, reviewer: signer.principal, verdict });
    else ctx.say(ctx.style.ok(`✓ ${t('countersign.done', { file: path })}`));
    return 0;
  },
});
