import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { dilemmaTexts, personTexts, type CheckedText } from '../privacy/guard.js';
import { checkReason, identifyingError, scan } from './shared/privacy.js';
import { saveUserSettings } from '../config/user-config.js';
import { Catalog } from '../dilemma/catalog.js';
import { isFreeText } from '../dilemma/kinds/index.js';
import { readText } from '../platform/read-text.js';
import { LeertuinError } from '../errors.js';
import { language, t } from '../i18n/index.js';
import { recordFileName } from '../record/build.js';
import { recordClock } from '../record/clock.js';
import { appendSignature } from '../record/signature.js';
import { writeNewRecord } from '../record/write.js';
import { writeFileAtomic } from '../platform/atomic.js';
import { workSaved } from '../platform/signals.js';
import { groupAnswers } from '../workshop/group.js';
import { proposalFileName, proposeAfspraak, ProposalError } from '../workshop/proposal.js';
import { buildWorkshopRecord, renderWorkshopRecord } from '../workshop/record.js';
import type { WorkshopRecord } from '../workshop/model.js';
import { readRecordFile } from '../record/files.js';
import { readFrontMatterData, splitRecord } from '../record/parse.js';
import { canonicalJson } from '../platform/canonical.js';
import { obtainSigner, type Signer } from './shared/signing.js';
import { DraftStore } from '../drafts/drafts.js';
import { InterruptedError } from '../errors.js';
import { WalkError } from '../walk/engine.js';
import { groupState } from '../workshop/group.js';
import { WORKSHOP_DRAFTS, makeWorkshopDraft, workshopDraftSchema, type WorkshopDraft } from '../workshop/draft.js';
import type { Config } from '../config/config.js';
import type { LoadedDilemma } from '../dilemma/model.js';
import type { GroupStep, Trainer } from '../workshop/model.js';
import { readSessionFile } from '../workshop/session-file.js';
import type { Context } from './context.js';
import { argument, defineCommand, option, type OptionValues } from './define.js';
import { sharedOption } from './shared/common-options.js';
import { chooseDraft, draftKeeper } from './shared/drafts.js';
import { terminalWidth, wrapText } from '../platform/wrap.js';
import { workshopLayout } from '../workshop/layout.js';

const OPTIONS = {
  out: sharedOption.recordsOut,
  sign: sharedOption.sign,
  key: sharedOption.key,
  proposeAfspraak: option.flag(),
  from: option.value('<file>'),
  resume: option.optionalValue('[draft]'),
  // Neither given: chosen by the terminal's width (workshopLayout).
  projector: option.toggle(),
  allowIdentifying: sharedOption.allowIdentifying,
};

/** Clears the screen and its scrollback, and puts the cursor home. */
const CLEAR_SCREEN = '\u001b[2J\u001b[3J\u001b[H';

/** `leertuin workshop <dilemma>`: a trainer leads a group through a dilemma at one screen; a workshop record results. */
export default defineCommand({
  args: { dilemma: argument.optional() },
  options: OPTIONS,
  examples: ['leertuin workshop zvh-alles-delen', 'leertuin workshop zvh-alles-delen --from sessie.yaml'],
  async run(ctx, { dilemma: ref }, options) {
    checkReason(options.allowIdentifying);
    const config = ctx.config(options.out ? { out: options.out } : {});
    const drafts = new DraftStore<WorkshopDraft>(config.stateDir, workshopDraftSchema, WORKSHOP_DRAFTS);
    if (options.resume !== undefined && !ctx.interactive) {
      throw new LeertuinError('no-terminal', t('error.noTerminal'), { hint: t('workshop.noTerminalHint') });
    }
    const prompter = async () => (await import('../terminal/prompts.js')).createPrompter({ input: ctx.stdin, output: ctx.stderr });
    const resumed =
      options.resume === undefined
        ? undefined
        : await chooseDraft(drafts, typeof options.resume === 'string' ? options.resume : undefined, prompter, { listHint: t('workshop.draftListHint'), none: t('workshop.noDrafts') });
    const dilemmaRef = resumed?.dilemma.id ?? ref;
    if (!dilemmaRef) throw new LeertuinError('usage', t('workshop.noDilemma'), { hint: t('workshop.noDilemmaHint') });
    const dilemma = Catalog.of(config).dilemma(dilemmaRef);
    if (resumed && resumed.dilemma.sha256 !== dilemma.pin.sha256) {
      throw new LeertuinError('draft-stale', t('draft.stale', { id: resumed.id, dilemma: dilemma.pin.id }), { hint: t('draft.staleHint') });
    }
    const recordsDir = config.records.value;
    const proposalPath = options.proposeAfspraak ? join(recordsDir, proposalFileName(dilemma.pin.id)) : undefined;
    // Refused before the session, so no group spends an hour on a proposal that cannot be written.
    if (proposalPath && existsSync(proposalPath)) {
      throw new LeertuinError('proposal-exists', t('workshop.proposalExists', { file: proposalPath }), { hint: t('workshop.proposalExistsHint'), exitCode: 1 });
    }
    if (options.from) return fromFile(ctx, options, options.from, { dilemma, config, recordsDir, proposalPath });
    if (!ctx.interactive) {
      throw new LeertuinError('no-terminal', t('error.noTerminal'), { hint: t('workshop.noTerminalHint') });
    }
    const signer = options.sign ? await obtainSigner(ctx, config, options.key) : undefined;

    const { createPrompter } = await import('../terminal/prompts.js');
    const session = await import('../terminal/workshop-session.js');
    const { askIdentifyingReason } = await import('../terminal/walk-session.js');
    const lang = language();
    const ui = {
      prompter: createPrompter({ input: ctx.stdin, output: ctx.stderr }),
      style: ctx.style,
      say: (text = '') => ctx.stderr.write(`${wrapText(text, terminalWidth(ctx.stderr, ctx.env)).join('\n')}\n`),
      clear: () => ctx.stderr.write(CLEAR_SCREEN),
      layout: workshopLayout(terminalWidth(ctx.stderr, ctx.env), options.projector),
      lang,
    };

    let trainer: Trainer;
    let participants: number;
    if (resumed) {
      ({ trainer, participants } = resumed);
    } else {
      trainer = await session.askTrainer(ui, config.author);
      saveUserSettings(config, { author: { ...config.author, ...trainer } });
      participants = await session.askParticipants(ui);
    }
    await session.showCase(ui, dilemma);
    // Kept after every question, like a walk: an interrupted session loses nothing.
    const now = () => recordClock(ctx.env).now;
    const draftId = resumed?.id ?? DraftStore.newId(dilemma.pin.id, now());
    const started = resumed?.started ?? now().toISOString();
    const keeper = draftKeeper(drafts, (text) => ui.say(ctx.style.warn(text)));
    let steps: GroupStep[];
    try {
      if (resumed) groupState(dilemma.tree, resumed.steps);
      steps = await session.runQuestions(ui, dilemma, participants, resumed?.steps ?? [], (current) =>
        keeper.keep(makeWorkshopDraft(draftId, dilemma, trainer, participants, current, started, now())),
      );
    } catch (error) {
      if (error instanceof InterruptedError && drafts.load(draftId)) throw new InterruptedError(t('workshop.draftKept', { id: draftId }));
      if (error instanceof WalkError) throw new LeertuinError('draft-stale', t('draft.stale', { id: draftId, dilemma: dilemma.pin.id }), { hint: t('draft.staleHint') });
      throw error;
    }
    session.showResult(ui, dilemma, steps, participants);
    const agreed = proposalPath ? await session.askProposal(ui, config.organisation.value ?? trainer.organisation) : undefined;
    // The privacy guard over everything the record and proposal hold; keeping an item needs a recorded reason.
    const hits = scan(sessionTexts(dilemma, steps, trainer, agreed));
    const allowIdentifying = hits.length === 0 ? undefined : (options.allowIdentifying ?? (await askIdentifyingReason(ui, hits)));
    if (!(await ui.prompter.confirm(t('workshop.confirm'), true))) {
      ctx.say(t('walk.notSaved'));
      if (!keeper.off) ctx.say(t('workshop.draftKept', { id: draftId }));
      return 1;
    }
    const code = await save(ctx, { dilemma, steps, trainer, participants, allowIdentifying, signer, recordsDir, proposalPath, agreed });
    if (!keeper.off) drafts.remove(draftId);
    return code;
  },
});

/**
 * The free texts of a workshop record and its proposal: what the group wrote (formulations of open
 * questions, arguments, minority views), the trainer, the dilemma's own texts, the proposed afspraak.
 */
function sessionTexts(dilemma: LoadedDilemma, steps: readonly GroupStep[], trainer: Trainer, agreed: { rationale: string; by: string } | undefined): CheckedText[] {
  return [
    ...steps.flatMap((step) => [
      ...(isFreeText(dilemma.tree.nodes.get(step.node)) && typeof step.choice === 'string' ? [{ field: `${step.node}.choice`, text: step.choice }] : []),
      ...(step.arguments ? [{ field: `${step.node}.arguments`, text: step.arguments }] : []),
      ...(step.minority ? [{ field: `${step.node}.minority`, text: step.minority }] : []),
    ]),
    ...personTexts('trainer', trainer),
    ...dilemmaTexts(dilemma, language()),
    ...(agreed ? [{ field: 'proposal.rationale', text: agreed.rationale }, { field: 'proposal.by', text: agreed.by }] : []),
  ];
}

/** `workshop --from <file>`: the same record from a session written down, without a terminal. */
async function fromFile(
  ctx: Context,
  options: OptionValues<typeof OPTIONS>,
  path: string,
  where: { dilemma: LoadedDilemma; config: Config; recordsDir: string; proposalPath: string | undefined },
): Promise<number> {
  const { dilemma, config } = where;
  const session = readSessionFile(path, dilemma.tree);
  if (session.file.dilemma !== dilemma.pin.id) {
    throw new LeertuinError('answers-wrong-dilemma', t('answers.wrongDilemma', { file: session.file.dilemma, id: dilemma.pin.id }), {
      position: session.source.positionOf(['dilemma']),
    });
  }
  const { name, role, organisation } = config.author;
  const trainer = session.trainer ?? (name && role && organisation ? { name, role, organisation } : undefined);
  if (!trainer) throw new LeertuinError('no-author', t('workshop.sessionNoTrainer'), { position: { file: path } });
  const rationale = session.file.afspraak?.rationale;
  if (where.proposalPath && !rationale) {
    throw new LeertuinError('invalid-session', t('workshop.sessionNoRationale'), { position: session.source.positionOf([]), hint: t('workshop.sessionHint') });
  }
  const agreed = where.proposalPath && rationale ? { rationale, by: session.file.afspraak?.by ?? config.organisation.value ?? trainer.organisation } : undefined;
  const hits = scan(sessionTexts(dilemma, session.steps, trainer, agreed));
  if (hits.length > 0 && !options.allowIdentifying) throw identifyingError(hits, { file: path });
  const signer = options.sign ? await obtainSigner(ctx, config, options.key) : undefined;
  return save(ctx, {
    dilemma,
    steps: session.steps,
    trainer,
    participants: session.file.participants,
    allowIdentifying: hits.length > 0 ? options.allowIdentifying : undefined,
    signer,
    recordsDir: where.recordsDir,
    proposalPath: where.proposalPath,
    agreed,
  });
}

interface Finished {
  dilemma: LoadedDilemma;
  steps: GroupStep[];
  trainer: Trainer;
  participants: number;
  allowIdentifying: string | undefined;
  signer: Signer | undefined;
  recordsDir: string;
  proposalPath: string | undefined;
  agreed: { rationale: string; by: string } | undefined;
}

async function save(ctx: Context, done: Finished): Promise<number> {
  const { dilemma, steps, trainer, participants, allowIdentifying, signer, recordsDir, proposalPath, agreed } = done;
  const lang = language();
  const { now, shortId } = recordClock(ctx.env);
  const record = buildWorkshopRecord({
    dilemma,
    steps,
    trainer,
    participants,
    language: lang,
    now,
    shortId,
    ...(allowIdentifying ? { allowIdentifying } : {}),
    ...(signer ? { signer: { principal: signer.principal, key: signer.fingerprint } } : {}),
  });
  // The proposal is made (and checked) before anything is written: a bad one leaves no half result.
  let proposal: string | undefined;
  if (proposalPath && agreed) {
    try {
      proposal = proposeAfspraak(
        readText(dilemma.path),
        proposalPath,
        { answers: groupAnswers(dilemma.tree, steps), outcome: record.outcome.id, rationale: agreed.rationale, date: record.created.slice(0, 10), by: agreed.by },
        dilemma.tree,
      );
    } catch (error) {
      if (!(error instanceof ProposalError)) throw error;
      throw new LeertuinError('proposal-invalid', t('workshop.proposalInvalid', { reason: error.message }), { exitCode: 1 });
    }
  }
  // A retry after a failed proposal finds the record it wrote and adds only the proposal.
  const earlier = proposal !== undefined ? sameSessionRecord(recordsDir, record) : undefined;
  const unsigned = renderWorkshopRecord(record, dilemma);
  const recordPath = earlier ?? writeNewRecord(recordsDir, recordFileName(record), signer ? await appendSignature(unsigned, signer.key) : unsigned);
  workSaved();
  if (proposalPath && proposal !== undefined) {
    try {
      writeProposal(proposalPath, recordsDir, proposal);
    } catch (error) {
      // Half done: the record is on disk. Say so, so that a retry does not make a second record unawares.
      const reason = error instanceof LeertuinError ? error.message : ((error as NodeJS.ErrnoException).code ?? String(error));
      throw new LeertuinError('proposal-write-failed', t('workshop.recordSavedProposalFailed', { record: recordPath, reason }), {
        hint: t('workshop.recordSavedProposalFailedHint', { record: recordPath }),
        cause: error,
      });
    }
  }

  if (ctx.options.json) {
    ctx.outJson({ ok: true, record: recordPath, id: record.id, outcome: record.outcome, signed: Boolean(signer), ...(proposalPath ? { proposal: proposalPath } : {}) });
  } else {
    ctx.out(recordPath);
    if (earlier) ctx.say(t('workshop.recordKnown', { file: recordPath }));
    else ctx.say(ctx.style.ok(`✓ ${t(signer ? 'workshop.savedSigned' : 'workshop.saved', { file: recordPath })}`));
    if (proposalPath) {
      ctx.out(proposalPath);
      ctx.say(ctx.style.ok(`✓ ${t('workshop.proposalSaved', { file: proposalPath })}`));
      ctx.say(`  ${t('workshop.proposalNext', { id: dilemma.pin.id })}`);
    }
  }
  return 0;
}

/**
 * A workshop record in `dir` of this very session (the same dilemma version, trainer, group size
 * and path with tallies, choices and arguments), or undefined. Unreadable files are no match.
 */
function sameSessionRecord(dir: string, record: WorkshopRecord): string | undefined {
  const session = (r: WorkshopRecord) => canonicalJson([r.kind, r.dilemma.sha256, r.trainer, r.participants, r.path]);
  const wanted = session(record);
  let names: string[];
  try {
    names = readdirSync(dir).filter((name) => name.endsWith('.md') && !name.startsWith('.'));
  } catch {
    return undefined;
  }
  for (const name of names) {
    const path = join(dir, name);
    const read = readRecordFile(path);
    if ('reason' in read) continue;
    try {
      if (session(readFrontMatterData(splitRecord(read.text)) as WorkshopRecord) === wanted) return path;
    } catch {
      // not a record: no match
    }
  }
  return undefined;
}

/** Written like a record: atomically, and never over an existing file. */
function writeProposal(path: string, dir: string, text: string): void {
  try {
    mkdirSync(dir, { recursive: true });
    writeFileAtomic(path, text, { exclusive: true, mode: 0o644 });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') {
      throw new LeertuinError('proposal-exists', t('workshop.proposalExists', { file: path }), { hint: t('workshop.proposalExistsHint'), exitCode: 1 });
    }
    throw new LeertuinError('record-write-failed', t('record.writeFailed', { file: path, reason: code ?? String(error) }), { hint: t('record.writeFailedHint') });
  }
}
