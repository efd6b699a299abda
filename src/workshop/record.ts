import { isChoice, isFreeText } from '../dilemma/kinds/index.js';
import { optionsOf } from '../dilemma/options.js';
import { compareWithAfspraak } from '../dilemma/afspraak.js';
import { localize } from '../dilemma/localize.js';
import type { LoadedDilemma } from '../dilemma/model.js';
import { legalLines } from '../dilemma/reference.js';
import type { Localized, TreeNode } from '../dilemma/schema.js';
import { tIn, type Language } from '../i18n/index.js';
import { emitFrontMatter, type FrontMatterValue } from '../record/frontmatter.js';
import { RECORD_FORMAT_VERSION } from '../record/model.js';
import { markdownText, quoted } from '../record/render.js';
import { nodeAt, outcomeOf } from '../walk/engine.js';
import { groupState, tallyBar } from './group.js';
import { WORKSHOP_KIND, type GroupStep, type Trainer, type WorkshopPathEntry, type WorkshopRecord } from './model.js';
import { localTimestamp } from '../platform/time.js';

export interface WorkshopInput {
  dilemma: LoadedDilemma;
  steps: readonly GroupStep[];
  trainer: Trainer;
  participants: number;
  language: string;
  /** Injected so the same session gives the same record in tests. */
  now: Date;
  shortId: string;
  signer?: { principal: string; key: string };
  allowIdentifying?: string;
}

/** The labels of the options chosen at a node, in the record's language. */
function choiceLabel(node: TreeNode, choice: string | readonly string[], text: (value: Localized) => string): string | undefined {
  if (!isChoice(node)) return undefined;
  const label = (id: string) => {
    const option = optionsOf(node).find((o) => o.id === id);
    return option ? text(option.label) : id;
  };
  return typeof choice === 'string' ? label(choice) : choice.map(label).join('; ');
}

/** A workshop record's file name and id: dated, naming the dilemma, marked as a workshop. */
export function workshopRecordId(created: string, dilemmaId: string, shortId: string): string {
  return `${created.slice(0, 10)}-${dilemmaId}-${WORKSHOP_KIND}-${shortId}`;
}

/** The front matter of a finished workshop. Throws when the group's path has not reached an outcome. */
export function buildWorkshopRecord(input: WorkshopInput): WorkshopRecord {
  const { dilemma, steps, language } = input;
  const tree = dilemma.tree;
  const state = groupState(tree, steps);
  const outcome = outcomeOf(tree, state);
  if (!outcome) throw new Error(`workshop not finished at ${state.at}`);
  const source = dilemma.file.languages[0];
  const text = (value: Localized) => localize(value, language, source);
  const created = localTimestamp(input.now);
  const path: WorkshopPathEntry[] = steps.map((step) => {
    const node = nodeAt(tree, step.node);
    const label = choiceLabel(node, step.choice, text);
    return {
      node: step.node,
      question: text(node.text),
      ...(step.tally ? { tally: step.tally.map((e) => ({ option: e.option, count: e.count })) } : {}),
      choice: typeof step.choice === 'string' ? step.choice : [...step.choice],
      ...(label === undefined ? {} : { label }),
      ...(step.arguments ? { arguments: step.arguments } : {}),
      ...(step.minority ? { minority: step.minority } : {}),
    };
  });
  const afspraak = dilemma.file.afspraak;
  const comparison = afspraak ? compareWithAfspraak(tree, state.steps, outcome.id, afspraak) : undefined;
  return {
    leertuin: RECORD_FORMAT_VERSION,
    kind: WORKSHOP_KIND,
    id: workshopRecordId(created, dilemma.pin.id, input.shortId),
    dilemma: dilemma.pin,
    ...(dilemma.kader ? { kader: dilemma.kader.pin } : {}),
    created,
    language,
    trainer: input.trainer,
    participants: input.participants,
    path,
    outcome: { id: outcome.id, verdict: outcome.verdict, label: text(outcome.text) },
    ...(comparison ? { afspraak: { same_outcome: comparison.sameOutcome, differences: comparison.differences.map((d) => d.node) } } : {}),
    ...(input.allowIdentifying ? { allow_identifying: input.allowIdentifying } : {}),
    ...(input.signer ? { signer: input.signer } : { unsigned: true as const }),
  };
}

/** Multi-line text as a Markdown block quote, so it can never start a line of structure. */
const BAR_WIDTH = 20;

/** Text for a heading or a table cell, where a line break would end the structure. */
function flat(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}

/** The whole unsigned workshop record: front matter and a readable body, ending in a newline. */
export function renderWorkshopRecord(record: WorkshopRecord, dilemma: LoadedDilemma): string {
  const lang = record.language as Language;
  const label = (key: Parameters<typeof tIn>[1]) => tIn(lang, key);
  const source = dilemma.file.languages[0];
  const text = (value: Localized | undefined) => (value === undefined ? '' : markdownText(localize(value, lang, source)));
  const node = (id: string) => dilemma.tree.nodes.get(id);
  const optionLabel = (nodeId: string, option: string) => {
    const n = node(nodeId);
    const found = optionsOf(n).find((o) => o.id === option);
    return found ? text(found.label) : markdownText(option);
  };
  const legalOf = (n: TreeNode | undefined) =>
    legalLines(n?.legal, dilemma.reference, lang, source)
      .map((l) => (l.url ? `[${flat(markdownText(l.text))}](${l.url})` : flat(markdownText(l.text))))
      .join('; ');
  const out: string[] = [];
  const add = (...lines: string[]) => out.push(...lines);

  add(`# ${label('workshop.record.title')}: ${flat(text(dilemma.file.title))}`, '', `_${label('record.disclaimer')}_`);
  if (record.unsigned) add('', `**${label('record.unsigned')}**`);
  const { trainer } = record;
  add(
    '',
    '| | |',
    '|---|---|',
    `| ${label('record.dilemma')} | \`${record.dilemma.id}\` ${record.dilemma.version} |`,
    `| ${label('workshop.record.trainer')} | ${[trainer.name, trainer.role, trainer.organisation].map((v) => flat(markdownText(v))).join(', ')} |`,
    `| ${label('workshop.record.participants')} | ${record.participants} |`,
    `| ${label('record.created')} | ${record.created} |`,
  );
  add('', `## ${label('record.case')}`, '', text(dilemma.file.case));
  add('', `## ${label('workshop.record.path')}`);

  record.path.forEach((entry, i) => {
    const n = node(entry.node);
    add('', `### ${i + 1}. ${flat(markdownText(entry.question))}`);
    if (n?.disputed) add('', `_${label('record.disputed')}_`);
    if (entry.tally) {
      const chosen = new Set(typeof entry.choice === 'string' ? [entry.choice] : entry.choice);
      add('', `| ${label('workshop.record.option')} | | ${label('workshop.record.count')} |`, '|---|---|---:|');
      for (const e of entry.tally) {
        const name = flat(optionLabel(entry.node, e.option));
        add(`| ${chosen.has(e.option) ? `**${name}**` : name} | \`${tallyBar(e.count, record.participants, BAR_WIDTH)}\` | ${e.count} |`);
      }
    }
    if (isFreeText(n)) add('', `${label('workshop.record.formulation')}:`, '', quoted(String(entry.choice)));
    else add('', `${label('workshop.record.choice')}: **${flat(markdownText(entry.label ?? String(entry.choice)))}**`);
    if (entry.arguments) add('', `${label('workshop.record.arguments')}:`, '', quoted(entry.arguments));
    if (entry.minority) add('', `${label('workshop.record.minority')}:`, '', quoted(entry.minority));
    const legal = legalOf(n);
    if (legal) add('', `${label('record.legal')}: ${legal}`);
  });

  const outcomeNode = node(record.outcome.id);
  add('', `## ${label('workshop.record.outcome')}: ${flat(markdownText(record.outcome.label))}`);
  if (outcomeNode?.kind === 'outcome') {
    if (outcomeNode.conditions?.length) add('', `${label('record.conditions')}:`, ...outcomeNode.conditions.map((c) => `- ${flat(text(c))}`));
    if (outcomeNode.advice) add('', text(outcomeNode.advice));
    const legal = legalOf(outcomeNode);
    if (legal) add('', `${label('record.legal')}: ${legal}`);
  }

  const afspraak = dilemma.file.afspraak;
  if (afspraak && record.afspraak) {
    add('', `## ${label('record.afspraak')}`);
    if (afspraak.fictitious) add('', `_${label('record.afspraakFictitious')}_`);
    add('', `${label(record.afspraak.same_outcome ? 'record.sameOutcome' : 'record.otherOutcome')}: **${flat(text(node(afspraak.outcome)?.text))}**`);
    if (record.afspraak.differences.length > 0) {
      const describe = (nodeId: string, value: string | readonly string[] | undefined) =>
        value === undefined ? '—' : (typeof value === 'string' ? [value] : value).map((o) => flat(optionLabel(nodeId, o))).join('; ');
      add('', `| | ${label('record.agreed')} | ${label('workshop.record.group')} |`, '|---|---|---|');
      for (const id of record.afspraak.differences) {
        const entry = record.path.find((e) => e.node === id);
        add(`| ${flat(text(node(id)?.text)) || markdownText(id)} | ${describe(id, afspraak.answers[id])} | ${describe(id, entry?.choice)} |`);
      }
    }
    add('', `${label('record.rationale')} (${flat(text(afspraak.by))}, ${afspraak.date}):`, '', text(afspraak.rationale));
  }
  return `---\n${emitFrontMatter(record as unknown as { [key: string]: FrontMatterValue })}---\n${out.join('\n').replace(/\r\n?/g, '\n')}\n`;
}
