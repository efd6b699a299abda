import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { authorSchema, type Author } from '../config/config.js';
import { saveUserSettings } from '../config/user-config.js';
import { Catalog } from '../dilemma/catalog.js';
import { localize } from '../dilemma/localize.js';
import type { LoadedDilemma } from '../dilemma/model.js';
import { LeertuinError } from '../errors.js';
import { language, t } from '../i18n/index.js';
import { buildRecord, makeShortId, recordFileName } from '../record/build.js';
import { loadTemplate, renderRecord } from '../record/render.js';
import { writeNewRecord } from '../record/write.js';
import { readAnswersFile, walkAnswers } from '../walk/answers-file.js';
import { outcomeOf, startWalk, type Step, type WalkState } from '../walk/engine.js';
import { oneLine } from '../util/text.js';
import { appendSignature } from '../record/signature.js';
import { obtainSigner, type Signer } from './shared/signing.js';
import type { Context } from './context.js';

const optionsSchema = z.object({
  answers: z.string().optional(),
  key: z.string().optional(),
  out: z.string().optional(),
  sign: z.boolean().default(true),
  resume: z.union([z.string(), z.boolean()]).optional(),
});

/**
 * The clock and the record's short id, injectable for reproducible records: SOURCE_DATE_EPOCH
 * (seconds, the reproducible-builds convention) and LEERTUIN_RECORD_ID.
 */
function recordClock(env: NodeJS.ProcessEnv): { now: Date; shortId: string } {
  const epoch = env.SOURCE_DATE_EPOCH;
  const now = epoch && /^\d+$/.test(epoch) ? new Date(Number(epoch) * 1000) : new Date();
  const fixed = env.LEERTUIN_RECORD_ID;
  const shortId = fixed && /^[a-z0-9]{1,12}$/.test(fixed) ? fixed : makeShortId(randomBytes(6));
  return { now, shortId };
}

/** `leertuin walk [dilemma]`: interactively or from an answers file, to a record on disk. */
export async function run(ctx: Context, ref: unknown, rawOptions: unknown): Promise<number> {
  const options = optionsSchema.parse(rawOptions);
  const config = ctx.config(options.out ? { out: options.out } : {});
  const catalog = new Catalog(config.dilemmas.value);
  const lang = language();
  if (options.answers) {
    // A script learns about a missing key before anything else happens.
    const signer = options.sign ? await obtainSigner(ctx, config, options.key) : undefined;
    const answers = readAnswersFile(options.answers);
    const dilemma = catalog.dilemma(typeof ref === 'string' ? ref : answers.file.dilemma);
    if (answers.file.dilemma !== dilemma.pin.id) {
      throw new LeertuinError('answers-wrong-dilemma', t('answers.wrongDilemma', { file: answers.file.dilemma, id: dilemma.pin.id }), {
        position: answers.source.positionOf(['dilemma']),
      });
    }
    const state = walkAnswers(dilemma.tree, answers);
    const author = answers.file.author ?? completeAuthor(config.author);
    if (!author) throw new LeertuinError('no-author', t('answers.noAuthor'), { position: { file: options.answers } });
    return save(ctx, { dilemma, state, author, deviation: answers.file.deviation, recordsDir: config.records.value, lang, signer });
  }

  if (!ctx.interactive) {
    throw new LeertuinError('no-terminal', t('error.noTerminal'), { hint: t('error.noTerminalHint') });
  }
  // Only the interactive path loads the prompt library.
  const { createPrompter } = await import('../terminal/prompts.js');
  const session = await import('../terminal/walk-session.js');
  const prompter = createPrompter({ input: ctx.stdin, output: ctx.stderr });
  const ui = { prompter, style: ctx.style, say: (text = '') => ctx.stderr.write(text + '\n'), lang };

  const dilemma = typeof ref === 'string' ? catalog.dilemma(ref) : await chooseDilemma(ui.prompter, catalog, lang);
  session.showCase(ui, dilemma);
  const remembered = new Map<string, Step>();
  let state: WalkState = await session.walkQuestions(ui, dilemma, startWalk(dilemma.tree), remembered);
  state = await session.confirmSummary(ui, dilemma, state, remembered);
  const outcome = outcomeOf(dilemma.tree, state)!;
  session.showOutcome(ui, dilemma, outcome);
  const deviation = await session.askDeviation(ui);
  session.showAfspraak(ui, dilemma, state, outcome);
  const author = await session.askAuthor(ui, config.author);
  saveUserSettings(config, { author });
  if (!(await prompter.confirm(t('walk.confirm'), true))) {
    ctx.say(t('walk.notSaved'));
    return 1;
  }
  // Asked at the end, so a first-time user starts walking at once; declining a key still saves the walk.
  const signer = options.sign ? await obtainSigner(ctx, config, options.key, { optional: true }) : undefined;
  if (options.sign && !signer && !(await prompter.confirm(t('walk.saveUnsigned'), true))) {
    ctx.say(t('walk.notSaved'));
    return 1;
  }
  return save(ctx, { dilemma, state, author, deviation, recordsDir: config.records.value, lang, signer });
}

async function chooseDilemma(prompter: import('../terminal/prompts.js').Prompter, catalog: Catalog, lang: string): Promise<LoadedDilemma> {
  const dilemmas = catalog.dilemmas();
  const chosen = await prompter.select(
    t('walk.chooseDilemma'),
    dilemmas.map((d) => {
      const source = d.file.languages[0];
      return {
        value: d,
        name: oneLine(localize(d.file.title, lang, source)),
        ...(d.file.summary ? { description: oneLine(localize(d.file.summary, lang, source)) } : {}),
      };
    }),
  );
  return chosen;
}

function completeAuthor(partial: Partial<Author>): Author | undefined {
  const parsed = authorSchema.safeParse(partial);
  return parsed.success ? parsed.data : undefined;
}

interface Finished {
  dilemma: LoadedDilemma;
  state: WalkState;
  author: Author;
  deviation: { decision: string; reason: string } | undefined;
  recordsDir: string;
  lang: string;
  signer: Signer | undefined;
}

async function save(ctx: Context, done: Finished): Promise<number> {
  const { now, shortId } = recordClock(ctx.env);
  const { dilemma, state, author, deviation, signer } = done;
  const record = buildRecord({
    dilemma,
    state,
    author,
    language: done.lang,
    now,
    shortId,
    ...(deviation ? { deviation } : {}),
    ...(signer ? { signer: { principal: signer.principal, key: signer.fingerprint } } : {}),
  });
  const unsigned = renderRecord(record, dilemma, loadTemplate());
  const text = signer ? await appendSignature(unsigned, signer.key) : unsigned;
  const path = writeNewRecord(done.recordsDir, recordFileName(record), text);
  if (ctx.options.json) ctx.outJson({ ok: true, record: path, id: record.id, outcome: record.outcome, signed: Boolean(signer) });
  else {
    ctx.out(path);
    ctx.say(ctx.style.ok(`✓ ${t(signer ? 'walk.savedSigned' : 'walk.saved', { file: path })}`));
  }
  return 0;
}
