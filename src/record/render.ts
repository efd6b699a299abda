import { isFreeText } from '../dilemma/kinds/index.js';
import { optionsOf } from '../dilemma/options.js';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { localize } from '../dilemma/localize.js';
import { treeReview, type LoadedDilemma } from '../dilemma/model.js';
import { legalLines } from '../dilemma/reference.js';
import type { Localized, TreeNode } from '../dilemma/schema.js';
import { LeertuinError } from '../errors.js';
import { tIn, type Language } from '../i18n/index.js';
import { oneLine } from '../platform/text.js';
import { emitFrontMatter, type FrontMatterValue } from './frontmatter.js';
import { markdownText } from './markdown.js';

export { markdownText };
import { SIGNATURE_MARKER, type DecisionRecord } from './model.js';
import { compileTemplate, TemplateError, type View } from './template.js';

export const BUNDLED_TEMPLATE = fileURLToPath(new URL('../../templates/record.md', import.meta.url));


/** Multi-line text as a Markdown block quote, so it can never start a line of structure. */
export function quoted(text: string): string {
  return markdownText(text)
    .split('\n')
    .map((line) => (line.trim() === '' ? '>' : `> ${line}`))
    .join('\n');
}

export function loadTemplate(path = BUNDLED_TEMPLATE): (view: View) => string {
  const source = readFileSync(path, 'utf8');
  if (source.includes(SIGNATURE_MARKER) || /^\s*---\s*$/m.test(source.split('\n').find((l) => l.trim() !== '') ?? '')) {
    // The signature marker or a leading `---` would make every record written with it malformed.
    throw new LeertuinError('template-marker', `${path}: a template may not contain "${SIGNATURE_MARKER}" nor start with ---`, { position: { file: path } });
  }
  try {
    return compileTemplate(source);
  } catch (error) {
    if (error instanceof TemplateError) {
      throw new LeertuinError('template-invalid', error.message, { position: { file: path, line: error.line } });
    }
    throw error;
  }
}

/** The whole unsigned record: front matter and body, ending in a newline (signatures append after it). */
export function renderRecord(record: DecisionRecord, dilemma: LoadedDilemma, template: (view: View) => string): string {
  let body: string;
  try {
    body = template(recordView(record, dilemma));
  } catch (error) {
    if (error instanceof TemplateError) {
      throw new LeertuinError('template-invalid', error.message, { position: { file: 'templates/record.md', line: error.line } });
    }
    throw error;
  }
  body = body.replace(/\r\n?/g, '\n').replace(/\n*$/, '\n');
  return `---\n${emitFrontMatter(record as unknown as { [key: string]: FrontMatterValue })}---\n${body}`;
}

function recordView(record: DecisionRecord, dilemma: LoadedDilemma): View {
  const lang = record.language as Language;
  const source = dilemma.file.languages[0];
  const text = (value: Localized | undefined) => (value === undefined ? '' : markdownText(localize(value, lang, source)));
  const node = (id: string): TreeNode | undefined => dilemma.tree.nodes.get(id);
  const label = (key: Parameters<typeof tIn>[1]) => tIn(lang, key);
  const outcomeNode = node(record.outcome.id);
  const legalOf = (n: TreeNode | undefined) =>
    legalLines(n?.legal, dilemma.reference, lang, source)
      .map((l) => (l.url ? `[${markdownText(l.text)}](${l.url})` : markdownText(l.text)))
      .join('; ');
  const answerLabel = (nodeId: string, answer: string | readonly string[]): string => {
    const n = node(nodeId);
    const options = optionsOf(n);
    const one = (id: string) => text(options.find((o) => o.id === id)?.label) || markdownText(id);
    return typeof answer === 'string' ? (isFreeText(n) ? markdownText(answer) : one(answer)) : answer.map(one).join('; ');
  };
  const afspraak = dilemma.file.afspraak;

  return {
    label: Object.fromEntries(
      (['disclaimer', 'unsigned', 'dilemma', 'author', 'created', 'case', 'answers', 'answer', 'motivation', 'disputed', 'legal', 'outcome', 'conditions', 'advice', 'deviation', 'decision', 'reason', 'afspraak', 'afspraakFictitious', 'sameOutcome', 'otherOutcome', 'agreed', 'yours', 'rationale', 'identifying', 'reviewed'] as const).map(
        (key) => [key, label(`record.${key}`)],
      ),
    ),
    title: text(dilemma.file.title),
    unsigned: record.unsigned === true,
    dilemma: { id: record.dilemma.id, version: record.dilemma.version },
    // One line each: an author field must not be able to add lines (a heading, say) to the body.
    author: {
      name: markdownText(oneLine(record.author.name)),
      role: markdownText(oneLine(record.author.role)),
      domain: markdownText(oneLine(record.author.domain)),
      organisation: markdownText(oneLine(record.author.organisation)),
    },
    created: record.created,
    reviewed: reviewedLine(dilemma, text),
    case: text(dilemma.file.case),
    steps: record.path.map((entry, i) => ({
      number: i + 1,
      question: markdownText(entry.question),
      answer: answerLabel(entry.node, entry.answer),
      motivation: entry.motivation ? quoted(entry.motivation) : null,
      disputed: node(entry.node)?.disputed !== undefined,
      legal: legalOf(node(entry.node)),
    })),
    outcome: {
      label: markdownText(record.outcome.label),
      verdict: record.outcome.verdict,
      conditions: (outcomeNode?.kind === 'outcome' ? (outcomeNode.conditions ?? []) : []).map((c) => ({ text: text(c) })),
      advice: outcomeNode?.kind === 'outcome' ? text(outcomeNode.advice) : '',
      legal: legalOf(outcomeNode),
    },
    deviation: record.deviation ? { decision: quoted(record.deviation.decision), reason: quoted(record.deviation.reason) } : null,
    afspraak:
      afspraak && record.afspraak
        ? {
            fictitious: afspraak.fictitious,
            same: record.afspraak.same_outcome,
            outcome: text(node(afspraak.outcome)?.text),
            differences: record.afspraak.differences.map((id) => ({
              question: text(node(id)?.text) || markdownText(id),
              agreed: afspraak.answers[id] === undefined ? '—' : answerLabel(id, afspraak.answers[id]!),
              yours: answerOf(record, id, answerLabel),
            })),
            rationale: text(afspraak.rationale),
            by: text(afspraak.by),
            date: afspraak.date,
          }
        : null,
    identifying: record.allow_identifying ? markdownText(record.allow_identifying) : null,
  };
}

/** The review line of the walked tree (the kader's, else the dilemma's), as one table cell; `text` already escapes `|`. */
function reviewedLine(dilemma: LoadedDilemma, text: (value: Localized | undefined) => string): string | null {
  const reviewed = treeReview(dilemma);
  return reviewed ? oneLine(`${text(reviewed.by)}, ${reviewed.date}: ${text(reviewed.against)}`) : null;
}

function answerOf(record: DecisionRecord, node: string, label: (node: string, answer: string | readonly string[]) => string): string {
  const entry = record.path.find((e) => e.node === node);
  return entry ? label(node, entry.answer) : '—';
}
