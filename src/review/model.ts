import type { Tally } from '../dilemma/kinds/index.js';
import type { RecordStatus } from '../verify/verify.js';

/**
 * The review report: what `review --format json` prints, and what every other format renders.
 * Property names are snake_case like the record's front matter; docs/review-json.md describes each.
 */
export const REVIEW_FORMAT_VERSION = 1;

/** Motivations kept per answer of a question in a group for md, html and json (the rest are counted). */
export const MOTIVATION_CAP = 50;
/** Motivations kept per answer for the terminal table, which shows a few per answer on one line each. */
export const TABLE_MOTIVATION_CAP = 3;
/** Records named per group in the afspraak and deviation lists (the rest are counted). */
export const LIST_CAP = 200;

/** Name, role and organisation are left out with --anonymous; the domain always stays. */
export interface ReportAuthor {
  name?: string;
  role?: string;
  domain: string;
  organisation?: string;
}

/** A capped list: the first `items` in a stable order (by record id), and how many were left out. */
export interface Capped<T> {
  items: T[];
  omitted: number;
}

/** A motivation; for a text question, the answer itself (with its motivation, when one was given). */
export interface Quote {
  record: string;
  author: ReportAuthor;
  text: string;
  motivation?: string;
}

export interface OutcomeRow {
  id: string;
  verdict: string;
  label: string;
  count: number;
  share: number;
}

export interface AnswerRow {
  /** An option id, or the sorted option ids of a multiple-choice answer. */
  answer: string | string[];
  /** The answer as one string: the option id, or the sorted ids joined with `+`. */
  key: string;
  label: string;
  count: number;
  share: number;
  /** Whether this is the afspraak's answer. */
  agreed: boolean;
  motivations: Capped<Quote>;
}

/** For a multiple-choice question: one option, and how many records chose it (among other options or alone). */
export interface OptionRow {
  id: string;
  label: string;
  count: number;
  /** count / answered. */
  share: number;
  /** Whether the afspraak's answer holds this option. */
  agreed: boolean;
}

/**
 * The first thing a trainer reads: how far the outcomes spread. An agreement statistic over some
 * questions can look high while the group reached many different outcomes; this cannot.
 */
export interface OutcomeSpread {
  records: number;
  /** How many different outcomes the records reached. */
  outcomes: number;
  /** The most reached outcome (the first by id on a tie), with how many reached it. */
  largest: { id: string; label: string; count: number } | null;
  /** The afspraak's outcome and how many records reached it, when the afspraak is known. */
  afspraak: { id: string; label: string; reached: number } | null;
}

export interface DomainAnswers {
  domain: string;
  answered: number;
  divergence: number | null;
  answers: { key: string; count: number }[];
}

export interface QuestionRow {
  node: string;
  /** How the question's answers are counted (see Tally in dilemma/kinds). */
  kind: Tally;
  text: string;
  disputed: boolean;
  /** 1 for the most divergent question; text questions come last. */
  rank: number;
  answered: number;
  /** 1 - (count of the most chosen answer / answered): the share that chose otherwise than most. Null for text. */
  divergence: number | null;
  answers: AnswerRow[];
  /**
   * Multiple choice only (else empty): every option with how many chose it, so that an option all
   * chose shows as 6/6 whatever else each chose beside it. `divergence` is then the largest split
   * over the options (1 - the larger side's share: 0.5 at most).
   */
  options: OptionRow[];
  /** Free-text answers of a text question (empty for choice questions). */
  texts: Capped<Quote>;
  by_domain: DomainAnswers[];
  /** The afspraak's answer here (null when unknown or none) and how many records depart from it here. */
  afspraak: { key: string | null; label: string | null; deviating: number } | null;
}

export interface Agreement {
  measure: 'fleiss-kappa';
  /** Null when undefined: fewer than two records, no question everyone answered, or no variation at all to compare against. */
  kappa: number | null;
  /** Mean observed agreement (Fleiss' P-bar) and chance agreement (P-bar-e). */
  observed: number | null;
  expected: number | null;
  /** The choice questions every record in the set answered: Fleiss' subjects. */
  questions: string[];
  raters: number;
}

export interface DomainRow {
  domain: string;
  records: number;
  outcomes: OutcomeRow[];
  agreement: Agreement;
}

export interface AfspraakRecord {
  record: string;
  author: ReportAuthor;
  same_outcome: boolean;
  /** Questions on the afspraak's path this record answered otherwise. */
  differences: { node: string; question: string }[];
  /** Questions of the afspraak this record never reached, having left its path before. */
  not_reached: { node: string; question: string }[];
}

export interface AfspraakSummary {
  /** The afspraak itself, when the dilemma file the records walked is at hand. */
  agreed: { outcome: { id: string; label: string }; fictitious: boolean; by: string; date: string; rationale: string } | null;
  /** Records that carry an afspraak comparison, how many reach the same outcome, and those that depart anywhere. */
  compared: number;
  same_outcome: number;
  departing: number;
  records: Capped<AfspraakRecord>;
}

export interface DeviationRow {
  record: string;
  author: ReportAuthor;
  outcome: { id: string; label: string };
  decision: string;
  reason: string;
}

export interface FlowNode {
  id: string;
  kind: 'question' | 'info' | 'outcome';
  label: string;
  disputed: boolean;
  records: number;
  /** Whether the afspraak's path passes this node (false when the afspraak or the tree is not at hand). */
  afspraak: boolean;
}

export interface FlowEdge {
  from: string;
  to: string;
  /** The option's label for a single-choice edge; empty otherwise. */
  label: string;
  records: number;
  /** Whether the afspraak's path takes this edge. */
  afspraak: boolean;
}

export interface GroupReport {
  dilemma: { id: string; title: string; versions: string[] };
  tree: { kind: 'kader' | 'dilemma'; id: string; version: string; sha256: string; available: boolean };
  records: number;
  /** Records counted here although not `ok` (only with --include-unverified). */
  unverified: number;
  spread: OutcomeSpread;
  outcomes: OutcomeRow[];
  agreement: Agreement;
  questions: QuestionRow[];
  by_domain: DomainRow[];
  afspraak: AfspraakSummary | null;
  deviations: { count: number; records: Capped<DeviationRow> };
  flow: { nodes: FlowNode[]; edges: FlowEdge[] };
}

export interface FlaggedRecord {
  file: string;
  status: RecordStatus;
  code: string | null;
  reason: string | null;
  included: boolean;
}

export interface ReviewReport {
  leertuin_review: typeof REVIEW_FORMAT_VERSION;
  language: string;
  anonymous: boolean;
  include_unverified: boolean;
  /** How many motivations per answer this report keeps (0: none). */
  motivation_cap: number;
  /** What `by_domain` breaks down by (`--by`): the author's domain, organisation, or the project folder; the field names stay. */
  breakdown: 'domain' | 'organisation' | 'project';
  /** `duplicates`: files skipped because an earlier file holds a record with the same id. */
  totals: { files: number; included: number; flagged: number; excluded: number; duplicates: number; by_status: Record<RecordStatus, number> };
  flagged: FlaggedRecord[];
  groups: GroupReport[];
}
