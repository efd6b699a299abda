import { optionsOf } from '../dilemma/options.js';
import { DOMAINS, type Author, type Domain } from '../config/config.js';
import { compareWithAfspraak } from '../dilemma/afspraak.js';
import { isFreeText, kindOf } from '../dilemma/kinds/index.js';
import { localize } from '../dilemma/localize.js';
import type { LoadedDilemma } from '../dilemma/model.js';
import { legalSummary, newTermsOf } from '../dilemma/reference.js';
import type { Localized, OutcomeNode, TreeNode } from '../dilemma/schema.js';
import { language, t } from '../i18n/index.js';
import { WalkError, answer, back, currentNode, decisions, motivationRule, nodeAt, type Answer, type Step, type WalkState } from '../walk/engine.js';
import { walkErrorMessage } from '../walk/describe.js';
import { oneLine, stripControl } from '../platform/text.js';
import type { CheckedText, Hit } from '../privacy/guard.js';
import type { Style } from './style.js';
import type { Prompter } from './prompts.js';

/** What the interactive walk needs from the command: where to write, how to style, how to ask. */
export interface Session {
  prompter: Prompter;
  style: Style;
  say(text?: string): void;
  lang: string;
}

const BACK = Symbol('back');
const HELP = Symbol('help');

function texts(dilemma: LoadedDilemma, lang: string) {
  const source = dilemma.file.languages[0];
  return (value: Localized | undefined): string => (value === undefined ? '' : stripControl(localize(value, lang, source)));
}

export function showCase(session: Session, dilemma: LoadedDilemma): void {
  const text = texts(dilemma, session.lang);
  const { style, say } = session;
  say();
  say(style.dim(t('disclaimer')));
  say();
  say(style.heading(oneLine(text(dilemma.file.title))));
  say();
  say(text(dilemma.file.case));
  say();
}

/** Asks questions from `state` until an outcome is reached; `remembered` prefills answers given before. */
export async function walkQuestions(
  session: Session,
  dilemma: LoadedDilemma,
  start: WalkState,
  remembered: Map<string, Step>,
  onChange: (state: WalkState) => void,
): Promise<WalkState> {
  const { tree } = dilemma;
  const text = texts(dilemma, session.lang);
  const { style, say, prompter } = session;
  let state = start;
  const explained = new Set<string>();
  for (;;) {
    const node = currentNode(tree, state);
    const role = kindOf(node).role;
    if (role === 'end') return state;
    const number = decisions(tree, state).length + 1;
    const previous = remembered.get(node.id);
    say();
    if (role !== 'pass') say(style.dim(t('walk.question', { n: number })) + (node.disputed ? ` ${style.warn(`⚑ ${t('walk.disputed')}`)}` : ''));
    if (node.legal?.length) say(style.dim(`${t('walk.legal')}: ${oneLine(legalSummary(node.legal, dilemma, session.lang))}`));
    for (const term of newTermsOf(node, dilemma, session.lang, explained)) {
      say(style.dim(`${t('walk.glossary')}: ${oneLine(text(term.term))}: ${oneLine(text(term.explain))}`));
    }

    const given = await askAnswer(session, node, text, state.steps.length > 0, previous);
    if (given === BACK) {
      state = back(state, state.steps.length - 1);
      onChange(state);
      continue;
    }
    const rule = motivationRule(node, given);
    let motivation: string | undefined;
    if (rule !== 'none') {
      const label = rule === 'required' ? t('walk.motivationRequired') : t('walk.motivationOptional');
      const validate = (value: string) => (rule === 'required' && value.trim() === '' ? t('walk.motivationMissing') : true);
      motivation = await prompter.text(label, {
        ...(previous?.motivation && sameAnswer(previous.answer, given) ? { default: previous.motivation } : {}),
        validate,
      });
      motivation = await guardText(session, motivation, (text) => prompter.text(label, { default: text, validate }));
    }
    try {
      state = answer(tree, state, given, motivation);
      const step = state.steps[state.steps.length - 1]!;
      remembered.set(step.node, step);
      onChange(state);
    } catch (error) {
      if (!(error instanceof WalkError)) throw error;
      say(style.error(walkErrorMessage(error)));
    }
  }
}

async function askAnswer(
  session: Session,
  node: TreeNode,
  text: (value: Localized | undefined) => string,
  canGoBack: boolean,
  previous: Step | undefined,
): Promise<Answer | typeof BACK> {
  const ask = kindOf(node).ask(node, previous?.answer);
  if (!ask) throw new Error(`node ${node.id} asks nothing`);
  const { prompter, say, style } = session;
  const question = oneLine(text(node.text));
  const showHelp = () => {
    say(style.accent(text(node.help)));
    if (node.disputed) say(style.warn(`⚑ ${text(node.disputed)}`));
  };
  switch (ask.prompt) {
    case 'continue': {
      say(text(node.text));
      const choice = await prompter.select<'next' | typeof BACK>(t('walk.continue'), [
        { value: 'next', name: t('walk.continue') },
        ...(canGoBack ? [{ value: BACK, name: t('walk.back') } as const] : []),
      ]);
      return choice === BACK ? BACK : null;
    }
    case 'select': {
      for (;;) {
        const choice = await prompter.select<string | typeof BACK | typeof HELP>(
          question,
          [
            ...ask.choices.map((c) => ({ value: c.value, name: oneLine(text(c.label)) })),
            ...(node.help || node.disputed ? [{ value: HELP, name: t('walk.help') } as const] : []),
            ...(canGoBack ? [{ value: BACK, name: t('walk.back') } as const] : []),
          ],
          ask.default,
        );
        if (choice === HELP) showHelp();
        else return choice;
      }
    }
    case 'checkbox': {
      if (node.help || node.disputed) showHelp();
      const chosen = new Set(ask.checked);
      const picked = await prompter.checkbox<string | typeof BACK>(
        `${question} ${style.dim(`(${t('walk.multipleHint')})`)}`,
        [
          ...ask.choices.map((c) => ({ value: c.value, name: oneLine(text(c.label)), checked: chosen.has(c.value) })),
          ...(canGoBack ? [{ value: BACK, name: t('walk.back') } as const] : []),
        ],
        (values) => {
          if (values.includes(BACK)) return values.length === 1 ? true : t('walk.backAlone');
          return values.length > 0 ? true : t('walk.chooseAtLeastOne');
        },
      );
      return picked.includes(BACK) ? BACK : (picked as string[]);
    }
    case 'input': {
      say(style.bold(question));
      if (node.help) say(style.dim(text(node.help)));
      const validate = (v: string) => (v.trim() === '' ? t('walk.answerMissing') : true);
      const value = await prompter.text(t('walk.textAnswer'), {
        ...(ask.default !== undefined ? { default: ask.default } : {}),
        validate,
      });
      if (value.trim() === '<' && canGoBack) return BACK;
      return guardText(session, value, (text) => prompter.text(t('walk.textAnswer'), { default: text, validate }));
    }
  }
}

/**
 * The privacy guard at the moment of typing: say what looks identifying and where, and offer to
 * rewrite it. Keeping it is allowed; signing then asks for a reason.
 */
export async function guardText(
  session: Pick<Session, 'prompter' | 'say' | 'style' | 'lang'>,
  text: string,
  rewrite: (text: string) => Promise<string>,
  ignore?: CheckedText['ignore'],
): Promise<string> {
  // The detectors load with the first text to check, not before the first question.
  const { scanTexts } = await import('../privacy/guard.js');
  for (;;) {
    const hits = scanTexts([{ field: '', text, ...(ignore ? { ignore } : {}) }], session.lang === 'en' ? 'en' : 'nl');
    if (hits.length === 0) return text;
    for (const hit of hits) session.say(session.style.warn(`⚠ ${t('privacy.found', { found: hit.masked, column: hit.column })}`));
    const choice = await session.prompter.select<'rewrite' | 'keep'>(t('privacy.ask'), [
      { value: 'rewrite', name: t('privacy.rewrite') },
      { value: 'keep', name: t('privacy.keep') },
    ]);
    if (choice === 'keep') return text;
    text = await rewrite(text);
  }
}

/** A reason to keep identifying data in a record that will be signed; recorded in its front matter. */
export async function askIdentifyingReason(session: Pick<Session, 'prompter' | 'say' | 'style'>, hits: readonly Hit[]): Promise<string> {
  session.say();
  session.say(session.style.warn(t('privacy.stillThere', { count: hits.length })));
  for (const hit of hits) session.say(`  - ${hit.field}: ${hit.masked}`);
  const { scanTexts } = await import('../privacy/guard.js');
  // The reason is signed into the record too: it must not itself identify.
  const validate = (v: string) => {
    if (v.trim() === '') return t('walk.answerMissing');
    const [hit] = scanTexts([{ field: 'reason', text: v }], language() === 'en' ? 'en' : 'nl');
    return hit ? t('privacy.reasonIdentifyingAgain', { found: hit.masked }) : true;
  };
  const reason = await session.prompter.text(t('privacy.reason'), { validate });
  return reason.trim();
}

function sameAnswer(a: Answer, b: Answer): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The summary before the outcome: every answer, and the choice to change any of them. */
export async function confirmSummary(
  session: Session,
  dilemma: LoadedDilemma,
  state: WalkState,
  remembered: Map<string, Step>,
  onChange: (state: WalkState) => void,
): Promise<WalkState> {
  const text = texts(dilemma, session.lang);
  for (;;) {
    const steps = state.steps;
    const shown = steps.map((step, index) => ({ step, index })).filter(({ step }) => kindOf(nodeAt(dilemma.tree, step.node)).role !== 'pass');
    session.say();
    session.say(session.style.heading(t('walk.summary')));
    shown.forEach(({ step }, i) => {
      session.say(`  ${i + 1}. ${oneLine(text(nodeAt(dilemma.tree, step.node).text))}`);
      session.say(`     ${session.style.bold(answerText(dilemma, step, text))}${step.motivation ? session.style.dim(` — ${oneLine(step.motivation)}`) : ''}`);
    });
    const choice = await session.prompter.select<number>(t('walk.summaryChoose'), [
      { value: -1, name: t('walk.summaryDone') },
      ...shown.map(({ step, index }, i) => ({
        value: index,
        name: t('walk.summaryChange', { n: i + 1, question: truncate(oneLine(text(nodeAt(dilemma.tree, step.node).text)), 60) }),
      })),
    ]);
    if (choice < 0) return state;
    state = back(state, choice);
    onChange(state);
    state = await walkQuestions(session, dilemma, state, remembered, onChange);
  }
}

export function answerText(dilemma: LoadedDilemma, step: Step, text: (value: Localized | undefined) => string): string {
  const node = nodeAt(dilemma.tree, step.node);
  const label = (id: string) => {
    const options = optionsOf(node);
    return oneLine(text(options.find((o) => o.id === id)?.label)) || id;
  };
  if (Array.isArray(step.answer)) return (step.answer as string[]).map(label).join(', ');
  if (isFreeText(node)) return oneLine(String(step.answer));
  return typeof step.answer === 'string' ? label(step.answer) : '';
}

function truncate(value: string, width: number): string {
  return value.length <= width ? value : `${value.slice(0, width - 1)}…`;
}

export function showOutcome(session: Session, dilemma: LoadedDilemma, outcome: OutcomeNode): void {
  const text = texts(dilemma, session.lang);
  const { say, style } = session;
  say();
  say(style.heading(`${t('walk.outcome')}: ${oneLine(text(outcome.text))}`));
  if (outcome.conditions?.length) {
    say(style.bold(t('walk.conditions')));
    for (const condition of outcome.conditions) say(`  - ${oneLine(text(condition))}`);
  }
  if (outcome.advice) say(`${style.bold(t('walk.advice'))}: ${text(outcome.advice)}`);
  if (outcome.legal?.length) say(style.dim(`${t('walk.legal')}: ${oneLine(legalSummary(outcome.legal, dilemma, session.lang))}`));
}

export async function askDeviation(session: Session): Promise<{ decision: string; reason: string } | undefined> {
  const follows = await session.prompter.confirm(t('walk.follow'), true);
  if (follows) return undefined;
  const required = (value: string) => (value.trim() === '' ? t('walk.answerMissing') : true);
  const ask = (message: string) => async (text?: string) =>
    session.prompter.text(message, { ...(text ? { default: text } : {}), validate: required });
  const decision = await guardText(session, await ask(t('walk.deviationDecision'))(), ask(t('walk.deviationDecision')));
  const reason = await guardText(session, await ask(t('walk.deviationReason'))(), ask(t('walk.deviationReason')));
  return { decision: decision.trim(), reason: reason.trim() };
}

export function showAfspraak(session: Session, dilemma: LoadedDilemma, state: WalkState, outcome: OutcomeNode): void {
  const afspraak = dilemma.file.afspraak;
  if (!afspraak) return;
  const text = texts(dilemma, session.lang);
  const { say, style } = session;
  const comparison = compareWithAfspraak(dilemma.tree, state.steps, outcome.id, afspraak);
  say();
  say(style.heading(t('walk.afspraak')) + (afspraak.fictitious ? ` ${style.dim(t('walk.afspraakFictitious'))}` : ''));
  if (comparison.sameOutcome) say(style.ok(t('walk.afspraakSame')));
  else say(style.warn(t('walk.afspraakOther', { outcome: oneLine(text(nodeAt(dilemma.tree, afspraak.outcome).text)) })));
  for (const difference of comparison.differences) {
    const describe = (a: Answer | undefined) => (a === undefined || a === null ? '—' : answerText(dilemma, { node: difference.node, answer: a }, text));
    say(
      `  - ${t('walk.afspraakDiff', {
        question: truncate(oneLine(text(nodeAt(dilemma.tree, difference.node).text)), 60),
        agreed: describe(difference.agreed),
        yours: describe(difference.given),
      })}`,
    );
  }
  say(`${style.bold(t('walk.afspraakRationale'))}: ${text(afspraak.rationale)}`);
}

export async function askAuthor(session: Session, known: Partial<Author>): Promise<Author> {
  const { prompter } = session;
  const required = (value: string) => (value.trim() === '' ? t('walk.answerMissing') : true);
  session.say();
  session.say(session.style.heading(t('walk.author')));
  const name = await prompter.text(t('walk.authorName'), { ...(known.name ? { default: known.name } : {}), validate: required });
  const role = await prompter.text(t('walk.authorRole'), { ...(known.role ? { default: known.role } : {}), validate: required });
  const domain = await prompter.select<Domain>(
    t('walk.authorDomain'),
    DOMAINS.map((d) => ({ value: d, name: t(`domain.${d}`) })),
    known.domain,
  );
  const organisation = await prompter.text(t('walk.authorOrganisation'), {
    ...(known.organisation ? { default: known.organisation } : {}),
    validate: required,
  });
  return { name: name.trim(), role: role.trim(), domain, organisation: organisation.trim() };
}
