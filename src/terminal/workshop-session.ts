import type { Author } from '../config/config.js';
import { compareWithAfspraak } from '../dilemma/afspraak.js';
import { localize } from '../dilemma/localize.js';
import type { LoadedDilemma } from '../dilemma/model.js';
import { legalSummary } from '../dilemma/reference.js';
import { kindOf } from '../dilemma/kinds/index.js';
import { optionsOf } from '../dilemma/options.js';
import type { Localized, TreeNode } from '../dilemma/schema.js';
import { t } from '../i18n/index.js';
import { currentNode, nodeAt, outcomeOf, type Answer } from '../walk/engine.js';
import { guardText } from './walk-session.js';
import {
  argumentsRequired,
  groupState,
  infoSinceLastChoice,
  questionNumber,
  recalledStep,
  suggestedChoice,
  tallyBar,
  tallyDefault,
  tallyLimit,
} from '../workshop/group.js';
import type { WorkshopLayout } from '../workshop/layout.js';
import type { GroupStep, TallyEntry, Trainer } from '../workshop/model.js';
import { oneLine, stripControl } from '../platform/text.js';
import type { Prompter } from './prompts.js';
import type { Style } from './style.js';
import { answerText } from './walk-session.js';
import { displayWidth, wrapText } from '../platform/wrap.js';

/** What the workshop needs from the command: how to ask, style, write and clear the screen. */
export interface WorkshopUi {
  prompter: Prompter;
  style: Style;
  say(text?: string): void;
  /** Empties the screen, so the projector shows one question at a time. */
  clear(): void;
  /** Normal or large (projector), with the margin and text width for the terminal. */
  layout: WorkshopLayout;
  lang: string;
}

const BACK = Symbol('back');
const MAX_PARTICIPANTS = 999;

function texts(dilemma: LoadedDilemma, lang: string) {
  const source = dilemma.file.languages[0];
  return (value: Localized | undefined): string => (value === undefined ? '' : stripControl(localize(value, lang, source)));
}

/**
 * Text broken into lines of at most `width` columns, paragraphs kept. Each line is indented by
 * the margin and the paragraph's own leading spaces; lines after a paragraph's first also by `hang`
 * (for list items).
 */
function wrap(text: string, layout: WorkshopLayout, hang = ''): string[] {
  return text.split('\n').flatMap((paragraph) => {
    const lead = layout.margin + /^ */.exec(paragraph)![0];
    const body = paragraph.trim();
    return body === '' ? [''] : wrapText(body, layout.width + layout.margin.length - lead.length, hang).map((line) => lead + line);
  });
}

function sayWrapped(ui: WorkshopUi, text: string, paint: (line: string) => string = (l) => l, hang = ''): void {
  for (const line of wrap(text, ui.layout, hang)) ui.say(line === '' ? '' : paint(line));
}

/**
 * Who leads the workshop, asked every time: the configured author is only offered, since the last
 * one to walk on this computer may not be today's trainer. Each answer passes the privacy guard
 * (a name belongs in the name field; a phone number or e-mail address there does not).
 */
export async function askTrainer(ui: WorkshopUi, known: Partial<Author>): Promise<Trainer> {
  const required = (value: string) => (value.trim() === '' ? t('walk.answerMissing') : true);
  ui.say();
  ui.say(ui.style.heading(t('workshop.trainer')));
  const ask = async (message: string, suggested: string | undefined, ignore?: readonly 'name'[]) => {
    const prompt = (value?: string) => ui.prompter.text(message, { ...(value ? { default: value } : {}), validate: required });
    return (await guardText(ui, await prompt(suggested), prompt, ignore)).trim();
  };
  return {
    name: await ask(t('walk.authorName'), known.name, ['name']),
    role: await ask(t('walk.authorRole'), known.role),
    organisation: await ask(t('walk.authorOrganisation'), known.organisation),
  };
}

export async function askParticipants(ui: WorkshopUi): Promise<number> {
  return ui.prompter.integer(t('workshop.participants'), { min: 1, max: MAX_PARTICIPANTS });
}

/** The case, alone on the screen, until the trainer starts the questions. */
export async function showCase(ui: WorkshopUi, dilemma: LoadedDilemma): Promise<void> {
  const text = texts(dilemma, ui.lang);
  ui.clear();
  ui.say();
  sayWrapped(ui, t('disclaimer'), ui.style.dim);
  ui.say();
  sayWrapped(ui, oneLine(text(dilemma.file.title)), ui.style.heading);
  ui.say();
  sayWrapped(ui, text(dilemma.file.case));
  ui.say();
  await ui.prompter.select(t('workshop.ready'), [{ value: true, name: t('walk.start') }]);
}

/** What a question screen shows besides the node: where the group is, and what it said before. */
interface QuestionContext {
  number: { n: number; total: number; fixed: boolean };
  participants: number;
  /** The information nodes passed since the last question. */
  info: string[];
  /** The group's earlier answer this question recalls, and at which question it was given. */
  recalled?: { answer: string; n: number } | undefined;
}

/**
 * The question screen: title, "question n of total", the question in bold, and help, discussion
 * point and sources. The large layout sets the question apart with rules and space around it.
 */
function showQuestion(ui: WorkshopUi, dilemma: LoadedDilemma, node: TreeNode, context: QuestionContext): void {
  const text = texts(dilemma, ui.lang);
  const { style, say, layout } = ui;
  const { n, total, fixed } = context.number;
  ui.clear();
  say();
  say(style.dim(`${layout.margin}${oneLine(text(dilemma.file.title))}`));
  if (layout.large) say();
  say(
    `${layout.margin}${style.accent(t(fixed ? 'workshop.questionOf' : 'workshop.questionOfAtMost', { n, total }))}` +
      style.dim(` · ${t('workshop.participantCount', { n: context.participants })}`) +
      (node.disputed ? `   ${style.warn(`⚑ ${t('walk.disputed')}`)}` : ''),
  );
  for (const id of context.info) {
    say();
    sayWrapped(ui, text(nodeAt(dilemma.tree, id).text), style.dim);
  }
  if (context.recalled) {
    say();
    sayWrapped(ui, t('workshop.recall', context.recalled), style.accent);
  }
  say();
  if (layout.large) {
    const rule = style.dim(layout.margin + '─'.repeat(layout.width));
    say(rule);
    say();
    sayWrapped(ui, text(node.text), style.heading);
    say();
    say(rule);
  } else {
    sayWrapped(ui, text(node.text), style.bold);
  }
  if (node.help) {
    say();
    sayWrapped(ui, text(node.help), style.accent);
  }
  if (node.disputed) {
    say();
    sayWrapped(ui, `⚑ ${text(node.disputed)}`, style.warn);
  }
  if (node.legal?.length) {
    say();
    sayWrapped(ui, `${t('walk.legal')}: ${oneLine(legalSummary(node.legal, dilemma, ui.lang))}`, style.dim);
  }
  say();
}

/**
 * The show of hands. Normal: a row per option, label (wrapped), bar and count. Large: the whole label, then
 * a bar over the full width with "7 of 12 (58%)" beside it, readable from the back of the room.
 */
function showTally(ui: WorkshopUi, labels: readonly string[], tally: readonly TallyEntry[], participants: number): void {
  const { margin, width: room, large } = ui.layout;
  if (large) {
    const shares = tally.map((e) => t('workshop.share', { count: e.count, total: participants, percent: Math.round((e.count / participants) * 100) }));
    const barWidth = Math.max(10, room - Math.max(...shares.map(displayWidth)) - 2);
    tally.forEach((entry, i) => {
      sayWrapped(ui, labels[i]!, ui.style.bold);
      ui.say(`${margin}${ui.style.accent(tallyBar(entry.count, participants, barWidth))}  ${shares[i]}`);
      ui.say();
    });
    return;
  }
  // A long label wraps under itself rather than being cut: every word of an option stays readable.
  const width = Math.min(Math.max(...labels.map(displayWidth)), Math.max(16, room - 31));
  tally.forEach((entry, i) => {
    const [first = '', ...rest] = wrapText(labels[i]!, width);
    ui.say(`${margin}${first}${' '.repeat(Math.max(0, width - displayWidth(first)))}  ${ui.style.accent(tallyBar(entry.count, participants, 24))}  ${String(entry.count).padStart(3)}`);
    for (const line of rest) ui.say(`${margin}${line}`);
  });
  ui.say();
}

/** One choice question: the show of hands, then what the group settles on and why. */
async function askChoice(
  ui: WorkshopUi,
  dilemma: LoadedDilemma,
  node: TreeNode,
  participants: number,
  previous: GroupStep | undefined,
  tallies: Map<string, readonly TallyEntry[]>,
  redraw: () => void,
  canGoBack: boolean,
): Promise<GroupStep | typeof BACK> {
  const text = texts(dilemma, ui.lang);
  const options = optionsOf(node);
  const labels = options.map((o) => oneLine(text(o.label)));
  ui.say(`${ui.layout.margin}${ui.style.bold(t(kindOf(node).tally === 'multiple' ? 'workshop.tallyMultiple' : 'workshop.tallySingle'))}`);
  const counts: number[] = [];
  const kept = tallies.get(node.id);
  for (const label of labels) {
    const max = tallyLimit(node, participants, counts);
    counts.push(await ui.prompter.integer(label, { min: 0, max, default: tallyDefault(node, participants, counts, kept) }));
  }
  const tally = options.map((o, i) => ({ option: o.id, count: counts[i]! }));
  // Kept before the group decides: going back from here and returning offers these counts again.
  tallies.set(node.id, tally);

  redraw();
  showTally(ui, labels, tally, participants);
  // Asked as the kind asks a walker, with what the show of hands suggests as the answer before.
  const ask = kindOf(node).ask(node, previous?.choice ?? suggestedChoice(node, tally, participants));
  let choice: string | string[];
  if (ask?.prompt === 'select') {
    const picked = await ui.prompter.select<string | typeof BACK>(
      t('workshop.groupChoice'),
      [...ask.choices.map((c) => ({ value: c.value, name: oneLine(text(c.label)) })), ...(canGoBack ? [{ value: BACK, name: t('walk.back') } as const] : [])],
      ask.default,
    );
    if (picked === BACK) return BACK;
    choice = picked;
  } else if (ask?.prompt === 'checkbox') {
    const checked = new Set(ask.checked);
    const picked = await ui.prompter.checkbox<string | typeof BACK>(
      `${t('workshop.groupChoiceMultiple')} ${ui.style.dim(`(${t('walk.multipleHint')})`)}`,
      [
        ...ask.choices.map((c) => ({ value: c.value, name: oneLine(text(c.label)), checked: checked.has(c.value) })),
        ...(canGoBack ? [{ value: BACK, name: t('walk.back') } as const] : []),
      ],
      (values) => {
        if (values.includes(BACK)) return values.length === 1 ? true : t('walk.backAlone');
        return values.length > 0 ? true : t('walk.chooseAtLeastOne');
      },
    );
    if (picked.includes(BACK)) return BACK;
    choice = picked as string[];
  } else throw new Error(`node ${node.id} is not a choice`);
  const sameChoice = JSON.stringify(previous?.choice) === JSON.stringify(choice);
  const reasons = await askArguments(ui, node, choice, sameChoice ? previous : undefined);
  const minorityPrompt = (text?: string) => ui.prompter.text(t('workshop.minority'), text ? { default: text } : {});
  const minority = (await guardText(ui, await minorityPrompt(sameChoice ? previous?.minority : undefined), minorityPrompt)).trim();
  return { node: node.id, choice, tally, ...reasons, ...(minority ? { minority } : {}) };
}

async function askArguments(ui: WorkshopUi, node: TreeNode, choice: GroupStep['choice'], previous: GroupStep | undefined): Promise<{ arguments?: string }> {
  const required = argumentsRequired(node, choice);
  const ask = (text?: string) =>
    ui.prompter.text(t(required ? 'workshop.argumentsRequired' : 'workshop.argumentsOptional'), {
      ...(text ? { default: text } : {}),
      validate: (value) => (required && value.trim() === '' ? t('walk.motivationMissing') : true),
    });
  const given = await guardText(ui, await ask(previous?.arguments), ask);
  return given.trim() ? { arguments: given.trim() } : {};
}

/** A text question: the group's own formulation, and its arguments where the tree asks for them. */
async function askFormulation(ui: WorkshopUi, node: TreeNode, previous: GroupStep | undefined, canGoBack: boolean): Promise<GroupStep | typeof BACK> {
  const formulation = (
    await ui.prompter.text(t(canGoBack ? 'workshop.formulationBack' : 'workshop.formulation'), {
      ...(typeof previous?.choice === 'string' ? { default: previous.choice } : {}),
      validate: (value) => (value.trim() === '' ? t('walk.answerMissing') : true),
    })
  ).trim();
  if (formulation === '<' && canGoBack) return BACK;
  const checked = (await guardText(ui, formulation, (text) => ui.prompter.text(t('workshop.formulation'), { default: text }))).trim();
  const reasons = argumentsRequired(node, checked) ? await askArguments(ui, node, checked, previous) : {};
  return { node: node.id, choice: checked, ...reasons };
}

/** The questions along the tree, one screen each, until the group's path reaches an outcome. */
export async function runQuestions(
  ui: WorkshopUi,
  dilemma: LoadedDilemma,
  participants: number,
  resumed: readonly GroupStep[],
  onChange: (steps: readonly GroupStep[]) => void,
): Promise<GroupStep[]> {
  const { tree } = dilemma;
  const steps: GroupStep[] = [...resumed];
  const remembered = new Map<string, GroupStep>(resumed.map((s) => [s.node, s]));
  // The counts per question, also of a question the trainer went back from before the group decided.
  const tallies = new Map<string, readonly TallyEntry[]>(resumed.flatMap((s) => (s.tally ? [[s.node, s.tally] as const] : [])));
  const text = texts(dilemma, ui.lang);
  for (;;) {
    const state = groupState(tree, steps);
    const node = currentNode(tree, state);
    const role = kindOf(node).role;
    if (role === 'end') return steps;
    if (role === 'pass') throw new Error(`information node ${node.id} not passed`);
    const recalled = recalledStep(node, steps);
    const context: QuestionContext = {
      number: questionNumber(tree, state),
      participants,
      info: infoSinceLastChoice(state),
      recalled: recalled && { n: recalled.index + 1, answer: answerText(dilemma, { node: recalled.step.node, answer: recalled.step.choice as Answer }, text) },
    };
    const redraw = () => showQuestion(ui, dilemma, node, context);
    redraw();
    const previous = remembered.get(node.id);
    const canGoBack = steps.length > 0;
    const given =
      kindOf(node).freeText
        ? await askFormulation(ui, node, previous, canGoBack)
        : await askChoice(ui, dilemma, node, participants, previous, tallies, redraw, canGoBack);
    if (given === BACK) {
      steps.pop();
      onChange(steps);
      continue;
    }
    steps.push(given);
    remembered.set(given.node, given);
    onChange(steps);
  }
}

/** The end: the group's path in brief, its outcome with conditions, and how it compares with the afspraak. */
export function showResult(ui: WorkshopUi, dilemma: LoadedDilemma, steps: readonly GroupStep[], participants: number): void {
  const { tree } = dilemma;
  const text = texts(dilemma, ui.lang);
  const { style, say } = ui;
  const state = groupState(tree, steps);
  const outcome = outcomeOf(tree, state)!;
  const label = (node: string, answer: Answer | undefined) => (answer === undefined || answer === null ? '—' : answerText(dilemma, { node, answer }, text));
  ui.clear();
  say();
  sayWrapped(ui, oneLine(text(dilemma.file.title)), style.dim);
  say();
  say(`${ui.layout.margin}${style.heading(t('workshop.path'))}`);
  steps.forEach((step, i) => {
    const count = step.tally && typeof step.choice === 'string' ? step.tally.find((e) => e.option === step.choice)?.count : undefined;
    sayWrapped(ui, `${i + 1}. ${oneLine(text(nodeAt(tree, step.node).text))}`, (l) => l, '   ');
    say(`${ui.layout.margin}   → ${style.bold(label(step.node, step.choice))}${count !== undefined ? style.dim(` (${t('workshop.votes', { count, total: participants })})`) : ''}`);
  });
  say();
  sayWrapped(ui, `${t('workshop.outcome')}: ${oneLine(text(outcome.text))}`, style.heading);
  if (outcome.conditions?.length) {
    say();
    say(`${ui.layout.margin}${style.bold(t('walk.conditions'))}`);
    for (const condition of outcome.conditions) sayWrapped(ui, `- ${oneLine(text(condition))}`, (l) => l, '  ');
  }
  if (outcome.advice) {
    say();
    sayWrapped(ui, `${t('walk.advice')}: ${text(outcome.advice)}`);
  }
  if (outcome.legal?.length) {
    say();
    sayWrapped(ui, `${t('walk.legal')}: ${oneLine(legalSummary(outcome.legal, dilemma, ui.lang))}`, style.dim);
  }

  const afspraak = dilemma.file.afspraak;
  if (!afspraak) return;
  const comparison = compareWithAfspraak(tree, state.steps, outcome.id, afspraak);
  say();
  sayWrapped(ui, `${t('walk.afspraak')}${afspraak.fictitious ? ` ${t('walk.afspraakFictitious')}` : ''}`, style.heading);
  if (comparison.sameOutcome) sayWrapped(ui, t('workshop.afspraakSame'), style.ok);
  else sayWrapped(ui, t('walk.afspraakOther', { outcome: oneLine(text(nodeAt(tree, afspraak.outcome).text)) }), style.warn);
  // Questions the group never reached are counted, not listed: the screen stays about the group's own choices.
  const reached = comparison.differences.filter((d) => d.given !== undefined);
  for (const difference of reached) {
    say();
    sayWrapped(ui, `- ${oneLine(text(nodeAt(tree, difference.node).text))}`, (l) => l, '  ');
    sayWrapped(ui, `  ${t('workshop.afspraakDiff', { agreed: label(difference.node, difference.agreed), group: label(difference.node, difference.given) })}`, style.bold);
  }
  const unreached = comparison.differences.length - reached.length;
  if (unreached > 0) {
    say();
    sayWrapped(ui, t('workshop.afspraakUnreached', { n: unreached }), style.dim);
  }
  say();
  sayWrapped(ui, `${t('walk.afspraakRationale')}: ${text(afspraak.rationale)}`);
  say();
}

/** For `--propose-afspraak`: why the group agrees, and in whose name. */
export async function askProposal(ui: WorkshopUi, defaultBy: string): Promise<{ rationale: string; by: string }> {
  const required = (value: string) => (value.trim() === '' ? t('walk.answerMissing') : true);
  ui.say();
  ui.say(`${ui.layout.margin}${ui.style.heading(t('workshop.proposalHeading'))}`);
  const rationale = await ui.prompter.text(t('workshop.proposalRationale'), { validate: required });
  const by = await ui.prompter.text(t('workshop.proposalBy'), { default: defaultBy, validate: required });
  return { rationale: rationale.trim(), by: by.trim() };
}
