import { t } from '../i18n/index.js';
import type { DecisionRecord } from '../record/model.js';
import { stripControl } from '../platform/text.js';
import type { RecordStatus } from '../verify/verify.js';
import { answerKey } from './aggregate.js';
import { decimal } from './format-shared.js';
import type { ReviewReport } from './model.js';

/**
 * One row per record and question, for spreadsheets. The column order is stable, and so are the
 * English column names (`--lang en`), which scripts use; in Dutch the header row is Dutch.
 * docs/review-json.md lists them. Written for Excel and LibreOffice with a Dutch locale:
 * a UTF-8 byte order mark, `;` between fields, CRLF after each row, RFC 4180 quoting.
 */
export const CSV_COLUMNS = [
  'dilemma',
  'dilemma_version',
  'tree',
  'tree_version',
  'tree_sha256',
  'record',
  'file',
  'status',
  'created',
  'language',
  'author_name',
  'author_role',
  'author_domain',
  'author_organisation',
  'step',
  'node',
  'question',
  'answer',
  'answer_label',
  'motivation',
  'afspraak_differs',
  'outcome',
  'verdict',
  'outcome_label',
  'afspraak_same_outcome',
  'deviation_decision',
  'deviation_reason',
] as const;

type Column = (typeof CSV_COLUMNS)[number];

/**
 * One field: quoted when it holds the separator, a quote, a line break or edge spaces. A text that
 * a spreadsheet would run as a formula (starting with = + - @, a tab or a carriage return) gets a
 * leading apostrophe, so a motivation can never become a formula.
 */
function field(value: string | number): string {
  if (typeof value === 'number') return String(value);
  let text = stripControl(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[;"\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function row(values: readonly (string | number)[]): string {
  return values.map(field).join(';') + '\r\n';
}

export function csvHeader(): string {
  return '\uFEFF' + row(CSV_COLUMNS.map((c) => t(`review.csv.${c}`)));
}

const flag = (value: boolean | undefined) => (value === undefined ? '' : value ? 1 : 0);

/** The rows of one record: one per question on its path. With `anonymous`, name, role and organisation stay empty. */
export function csvRows(input: { file: string; status: RecordStatus; record: DecisionRecord }, anonymous: boolean): string {
  const { record } = input;
  const tree = record.kader ?? record.dilemma;
  const differs = new Set(record.afspraak?.differences ?? []);
  return record.path
    .map((entry, index) => {
      const values: Record<Column, string | number> = {
        dilemma: record.dilemma.id,
        dilemma_version: record.dilemma.version,
        tree: tree.id,
        tree_version: tree.version,
        tree_sha256: tree.sha256,
        record: record.id,
        file: input.file,
        status: input.status,
        created: record.created,
        language: record.language,
        author_name: anonymous ? '' : record.author.name,
        author_role: anonymous ? '' : record.author.role,
        author_domain: record.author.domain,
        author_organisation: anonymous ? '' : record.author.organisation,
        step: index + 1,
        node: entry.node,
        question: entry.question,
        answer: answerKey(entry.answer),
        answer_label: entry.label ?? '',
        motivation: entry.motivation ?? '',
        afspraak_differs: flag(record.afspraak ? differs.has(entry.node) : undefined),
        outcome: record.outcome.id,
        verdict: record.outcome.verdict,
        outcome_label: record.outcome.label,
        afspraak_same_outcome: flag(record.afspraak?.same_outcome),
        deviation_decision: record.deviation?.decision ?? '',
        deviation_reason: record.deviation?.reason ?? '',
      };
      return row(CSV_COLUMNS.map((c) => values[c]));
    })
    .join('');
}

/**
 * `--format csv-summary`: one row per question and option, for a trainer's spreadsheet. The column
 * order is fixed (docs/review-json.md); the headers are in the report's language, the ids (dilemma,
 * question, option) stay as in the tree, numbers have the language's decimal sign. Text questions
 * have no options and no rows.
 */
export const SUMMARY_COLUMNS = ['dilemma', 'treeVersion', 'question', 'questionText', 'option', 'optionLabel', 'count', 'answered', 'share', 'agreement', 'afspraak'] as const;

export function csvSummary(report: ReviewReport): string {
  const number = (value: number) => decimal(value, report.language, 4);
  const rows = report.groups.flatMap((group) =>
    group.questions.flatMap((q) => {
      if (q.kind === 'text' || q.divergence === null) return [];
      // Per option for multiple choice (each counted on its own), per answer for a single choice.
      const options = q.kind === 'multiple' ? q.options : q.answers.map((a) => ({ ...a, id: a.key }));
      // Empty where the afspraak says nothing about this question.
      const onPath = q.afspraak !== null && q.afspraak.key !== null;
      return options.map((o) =>
        row([group.dilemma.id, group.tree.version, q.node, q.text, o.id, o.label, o.count, q.answered, number(o.share), number(1 - q.divergence!), onPath ? (o.agreed ? 1 : 0) : '']),
      );
    }),
  );
  return '\uFEFF' + row(SUMMARY_COLUMNS.map((c) => t(`review.csvSummary.${c}`))) + rows.join('');
}
