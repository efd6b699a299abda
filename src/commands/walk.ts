import { authorSchema, type Author, type Config } from '../config/config.js';
import { Catalog } from '../dilemma/catalog.js';
import { localize } from '../dilemma/localize.js';
import type { LoadedDilemma } from '../dilemma/model.js';
import { DraftStore, makeDraft, type Draft } from '../drafts/drafts.js';
import { InterruptedError, LeertuinError, type SourcePosition } from '../errors.js';
import { language, t } from '../i18n/index.js';
import type { Hit } from '../privacy/guard.js';
import { recordClock } from '../record/clock.js';
import type { Prompter } from '../terminal/prompts.js';
import { oneLine } from '../platform/text.js';
import type { LoadedAnswers } from '../walk/answers-file.js';
import { WalkError, answer, outcomeOf, startWalk, type Step, type WalkState } from '../walk/engine.js';
import type { Context } from './context.js';
import { argument, defineCommand, option, type OptionValues } from './define.js';
import { sharedOption } from './shared/common-options.js';
import { chooseDraft, draftKeeper } from './shared/drafts.js';
import { terminalWidth, wrapText } from '../platform/wrap.js';

/**
 * What a walk needs only after its questions (privacy checks, signing, the record itself) is loaded
 * then, not before the first question (about 30 ms of start on Node 20, measured when the tool still
 * ran as ES modules; from the bundle, their evaluation).
 */
const afterQuestions = () =>
  Promise.all([import('../privacy/guard.js'), import('./shared/privacy.js'), import('./shared/signing.js'), import('./shared/save-record.js'), import('../config/user-config.js')]).then(
    ([guard, privacy, signing, saving, userConfig]) => ({ ...guard, ...privacy, ...signing, ...saving, ...userConfig }),
  );

const OPTIONS = {
  answers: option.value('<file>'),
  out: sharedOption.recordsOut,
  sign: sharedOption.sign,
  key: sharedOption.key,
  resume: option.optionalValue('[draft]'),
  allowIdentifying: sharedOption.allowIdentifying,
};
type Options = OptionValues<typeof OPTIONS>;

/** `leertuin walk [dilemma]`: interactively or from an answers file, to a record on disk. */
export default defineCommand({
  args: { dilemma: argument.optional() },
  options: OPTIONS,
  examples: ['leertuin walk zvh-alles-delen', 'leertuin walk --answers antwoorden.yaml'],
  async run(ctx, { dilemma: ref }, options) {
    // A reason that itself identifies is refused before any question (the guard loads only then).
    if (options.allowIdentifying) (await import('./shared/privacy.js')).checkReason(options.allowIdentifying);
    const config = ctx.config(options.out ? { out: options.out } : {});
    const catalog = Catalog.of(config);
    if (options.answers) return walkFromFile(ctx, config, catalog, options, options.answers, ref);
    if (!ctx.interactive) {
      throw new LeertuinError('no-terminal', t('error.noTerminal'), { hint: t('error.noTerminalHint') });
    }
    // Only the interactive path loads the prompt library.
    const { createPrompter } = await import('../terminal/prompts.js');
    const prompter = createPrompter({ input: ctx.stdin, output: ctx.stderr });
    const drafts = new DraftStore(config.stateDir);
    if (options.resume !== undefined) {
      const draft = await chooseDraft(drafts, typeof options.resume === 'string' ? options.resume : undefined, async () => prompter, {
        listHint: t('draft.listHint'),
        none: t('draft.none'),
      });
      const dilemma = catalog.dilemma(draft.dilemma.id);
      return walkInTerminal(ctx, config, options, prompter, drafts, dilemma, draft);
    }
    const dilemma = typeof ref === 'string' ? catalog.dilemma(ref) : await chooseDilemma(prompter, catalog);
    return walkInTerminal(ctx, config, options, prompter, drafts, dilemma, undefined);
  },
});

async function walkFromFile(ctx: Context, config: Config, catalog: Catalog, options: Options, file: string, ref: string | undefined): Promise<number> {
  const [{ obtainSigner, scan, recordTexts, identifyingError, saveRecord }, { readAnswersFile, walkAnswers }] = await Promise.all([afterQuestions(), import('../walk/answers-file.js')]);
  // A script learns about a missing key before anything else happens.
  const signer = options.sign ? await obtainSigner(ctx, config, options.key) : undefined;
  const answers = readAnswersFile(file);
  const dilemma = catalog.dilemma(typeof ref === 'string' ? ref : answers.file.dilemma);
  if (answers.file.dilemma !== dilemma.pin.id) {
    throw new LeertuinError('answers-wrong-dilemma', t('answers.wrongDilemma', { file: answers.file.dilemma, id: dilemma.pin.id }), {
      position: answers.source.positionOf(['dilemma']),
    });
  }
  const state = walkAnswers(dilemma.tree, answers);
  const author = answers.file.author ?? completeAuthor(config.author);
  if (!author) throw new LeertuinError('no-author', t('answers.noAuthor'), { position: { file } });
  const deviation = answers.file.deviation;
  const hits = scan(recordTexts(dilemma, state.steps, deviation, author, language()));
  if (hits.length > 0 && !options.allowIdentifying) throw identifyingError(hits, placeOf(hits[0]!, answers, { userFile: config.userFile, dilemmaFile: dilemma.path }));
  return saveRecord(ctx, { dilemma, state, author, deviation, recordsDir: config.records.value, signer, allowIdentifying: hits.length > 0 ? options.allowIdentifying : undefined });
}

/**
 * Where an identifying item of an answers-file walk is: its place in the answers file, else the user
 * configuration (the author) or the dilemma's file (title, case, afspraak).
 */
function placeOf(hit: Hit, answers: LoadedAnswers, files: { userFile: string; dilemmaFile: string }): SourcePosition {
  const dot = hit.field.lastIndexOf('.');
  const [head, field] = [hit.field.slice(0, dot), hit.field.slice(dot + 1)];
  if (field === 'answer' || field === 'motivation') return answers.source.positionOf(['answers', head, field]);
  if (head === 'deviation') return answers.source.positionOf(['deviation', field]);
  if (head === 'author') return answers.file.author ? answers.source.positionOf(['author', field]) : { file: files.userFile };
  return { file: files.dilemmaFile };
}

async function walkInTerminal(
  ctx: Context,
  config: Config,
  options: Options,
  prompter: Prompter,
  drafts: DraftStore,
  dilemma: LoadedDilemma,
  resumed: Draft | undefined,
): Promise<number> {
  const session = await import('../terminal/walk-session.js');
  const lang = language();
  // Long texts are wrapped at spaces to the terminal's width, so no word is cut at the edge.
  const columns = terminalWidth(ctx.stderr, ctx.env);
  const ui = { prompter, style: ctx.style, say: (text = '') => ctx.stderr.write(`${wrapText(text, columns).join('\n')}\n`), lang };
  const now = () => recordClock(ctx.env).now;
  const draftId = resumed?.id ?? DraftStore.newId(dilemma.pin.id, now());
  const started = resumed?.started ?? now().toISOString();
  const keeper = draftKeeper(drafts, (text) => ui.say(ctx.style.warn(text)));
  const keep = (state: WalkState) => keeper.keep(makeDraft(draftId, { ...dilemma.pin, path: dilemma.path }, lang, state.steps, started, now()));
  // A closed terminal or a kill: the draft is already on disk after every answer; say where, stop.
  const stop = () => {
    if (!keeper.off) ctx.stderr.write(`\n${t('draft.kept', { id: draftId })}\n`);
    process.exit(130);
  };
  process.once('SIGTERM', stop);
  process.once('SIGHUP', stop);
  try {
    let state = resumed ? restore(dilemma, resumed) : startWalk(dilemma.tree);
    const remembered = new Map<string, Step>(state.steps.map((s) => [s.node, s]));
    session.showCase(ui, dilemma);
    if (resumed) ui.say(ctx.style.dim(t('draft.resumed', { count: state.steps.length })));
    state = await session.walkQuestions(ui, dilemma, state, remembered, keep);
    state = await session.confirmSummary(ui, dilemma, state, remembered, keep);
    const outcome = outcomeOf(dilemma.tree, state)!;
    session.showOutcome(ui, dilemma, outcome);
    const deviation = await session.askDeviation(ui);
    session.showAfspraak(ui, dilemma, state, outcome);
    const author = await session.askAuthor(ui, config.author);
    const { saveUserSettings, scan, recordTexts, obtainSigner, saveRecord } = await afterQuestions();
    saveUserSettings(config, { author });
    const hits = scan(recordTexts(dilemma, state.steps, deviation, author, lang));
    const allowIdentifying = hits.length === 0 ? undefined : (options.allowIdentifying ?? (await session.askIdentifyingReason(ui, hits)));
    if (!(await prompter.confirm(t('walk.confirm'), true))) {
      ctx.say(t('walk.notSaved'));
      if (!keeper.off) ctx.say(t('draft.kept', { id: draftId }));
      return 1;
    }
    // Asked at the end, so a first-time user starts walking at once; declining a key still saves the walk.
    const signer = options.sign ? await obtainSigner(ctx, config, options.key, { optional: true }) : undefined;
    if (options.sign && !signer && !(await prompter.confirm(t('walk.saveUnsigned'), true))) {
      ctx.say(t('walk.notSaved'));
      return 1;
    }
    const code = await saveRecord(ctx, { dilemma, state, author, deviation, recordsDir: config.records.value, signer, allowIdentifying });
    if (!keeper.off) drafts.remove(draftId);
    return code;
  } catch (error) {
    if (error instanceof InterruptedError && drafts.load(draftId)) {
      throw new InterruptedError(t('draft.interrupted', { id: draftId }));
    }
    throw error;
  } finally {
    process.removeListener('SIGTERM', stop);
    process.removeListener('SIGHUP', stop);
  }
}

/** The walk state a draft describes, checked step by step against the tree it was made on. */
function restore(dilemma: LoadedDilemma, draft: Draft): WalkState {
  if (draft.dilemma.sha256 !== dilemma.pin.sha256) {
    throw new LeertuinError('draft-stale', t('draft.stale', { id: draft.id, dilemma: dilemma.pin.id }), { hint: t('draft.staleHint') });
  }
  let state = startWalk(dilemma.tree);
  try {
    for (const step of draft.steps) {
      if (step.node !== state.at) throw new WalkError('bad-step', step.node);
      state = answer(dilemma.tree, state, step.answer, step.motivation);
    }
  } catch (error) {
    if (!(error instanceof WalkError)) throw error;
    throw new LeertuinError('draft-stale', t('draft.stale', { id: draft.id, dilemma: dilemma.pin.id }), { hint: t('draft.staleHint') });
  }
  return state;
}

async function chooseDilemma(prompter: Prompter, catalog: Catalog): Promise<LoadedDilemma> {
  const lang = language();
  return prompter.select(
    t('walk.chooseDilemma'),
    catalog.dilemmas().map((d) => {
      const source = d.file.languages[0];
      return {
        value: d,
        name: oneLine(localize(d.file.title, lang, source)),
        ...(d.file.summary ? { description: oneLine(localize(d.file.summary, lang, source)) } : {}),
      };
    }),
  );
}

function completeAuthor(partial: Partial<Author>): Author | undefined {
  const parsed = authorSchema().safeParse(partial);
  return parsed.success ? parsed.data : undefined;
}
