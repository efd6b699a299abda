import type { Author } from '../../config/config.js';
import { archiveWalkedVersions } from '../../dilemma/archive.js';
import type { LoadedDilemma } from '../../dilemma/model.js';
import { language, t } from '../../i18n/index.js';
import { buildRecord, recordFileName } from '../../record/build.js';
import { recordClock } from '../../record/clock.js';
import { loadTemplate, renderRecord } from '../../record/render.js';
import { appendSignature } from '../../record/signature.js';
import { writeNewRecord } from '../../record/write.js';
import { workSaved } from '../../platform/signals.js';
import type { WalkState } from '../../walk/engine.js';
import type { Context } from '../context.js';
import type { Signer } from './signing.js';

export interface Finished {
  dilemma: LoadedDilemma;
  state: WalkState;
  author: Author;
  deviation: { decision: string; reason: string } | undefined;
  recordsDir: string;
  signer: Signer | undefined;
  allowIdentifying: string | undefined;
}

/**
 * The record pins its tree by hash; a copy of that version in the project's archive keeps it
 * verifiable after the file changes. A folder that cannot be written only costs that guarantee.
 */
function keepWalkedVersions(ctx: Context, dilemma: LoadedDilemma): void {
  try {
    for (const file of archiveWalkedVersions(dilemma)) if (ctx.options.verbose) ctx.say(t('archive.kept', { file }));
  } catch (error) {
    ctx.warn(t('archive.notKept', { reason: (error as Error).message }));
  }
}

/** Builds, renders, signs (with a signer) and writes a walk's record, and says where it went. */
export async function saveRecord(ctx: Context, done: Finished): Promise<number> {
  const { now, shortId } = recordClock(ctx.env);
  const { dilemma, state, author, deviation, signer, allowIdentifying } = done;
  const record = buildRecord({
    dilemma,
    state,
    author,
    language: language(),
    now,
    shortId,
    ...(deviation ? { deviation } : {}),
    ...(allowIdentifying ? { allowIdentifying } : {}),
    ...(signer ? { signer: { principal: signer.principal, key: signer.fingerprint } } : {}),
  });
  const unsigned = renderRecord(record, dilemma, loadTemplate());
  const text = signer ? await appendSignature(unsigned, signer.key) : unsigned;
  const path = writeNewRecord(done.recordsDir, recordFileName(record), text);
  workSaved();
  keepWalkedVersions(ctx, dilemma);
  if (ctx.options.json) ctx.outJson({ ok: true, record: path, id: record.id, outcome: record.outcome, signed: Boolean(signer) });
  else {
    ctx.out(path);
    ctx.say(ctx.style.ok(`✓ ${t(signer ? 'walk.savedSigned' : 'walk.saved', { file: path })}`));
  }
  return 0;
}
