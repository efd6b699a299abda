import { DOMAINS, type Author } from '../record/author.js';
import { afspraakRoute } from '../dilemma/afspraak.js';
import { successors } from '../dilemma/graph.js';
import { kindOf, type Tally as CountedAs } from '../dilemma/kinds/index.js';
import { optionsOf } from '../dilemma/options.js';
import { localize } from '../dilemma/localize.js';
import { treePin, type LoadedDilemma, type Tree } from '../dilemma/model.js';
import type { Localized, TreeNode } from '../dilemma/schema.js';
import type { DecisionRecord, PathEntry } from '../record/model.js';
import type { WorkshopRecord } from '../workshop/model.js';
import { STATUSES, type RecordStatus } from '../verify/verify.js';
import { WalkError } from '../walk/engine.js';
import { CappedList, compareText } from './capped.js';
import {
  LIST_CAP,
  REVIEW_FORMAT_VERSION,
  type AfspraakRecord,
  type AfspraakSummary,
  type Agreement,
  type AnswerRow,
  type DeviationRow,
  type DomainRow,
  type FlaggedRecord,
  type FlowEdge,
  type FlowNode,
  type GroupReport,
  type OptionRow,
  type OutcomeRow,
  type OutcomeSpread,
  type QuestionRow,
  type Quote,
  type ReportAuthor,
  type ReviewReport,
} from './model.js';
import { divergence, fleissKappa, share } from './stats.js';

/** One verified file, as `verifyMany` yields it (the file name already as it should be shown). */
export interface ReviewInput {
  file: string;
  /** The project (record folder) the file was read from, for `--by project`. */
  project?: string;
  /** A workshop record's front matter: a group's answer, named but not counted with individual walks. */
  workshop?: WorkshopRecord;
  status: RecordStatus;
  code?: string;
  reason?: string;
  record?: DecisionRecord;
}

export interface ReviewOptions {
  /** The report's language: texts from the tree are shown in it. */
  language: string;
  anonymous: boolean;
  includeUnverified: boolean;
  /** Motivations kept per answer; 0 keeps none (for formats that do not show them). */
  motivationCap: number;
  findTree(record: DecisionRecord): Tree | undefined;
  findDilemma(id: string): LoadedDilemma | undefined;
  /** What the breakdown groups by: the author's domain (default), organisation, or the project folder a record came from. */
  by?: Breakdown;
}

export const BREAKDOWNS = ['domain', 'organisation', 'project'] as const;
export type Breakdown = (typeof BREAKDOWNS)[number];

/** The answer as one string: the option id, or the sorted option ids joined with `+` (ids never hold a `+`). */
export function answerKey(answer: string | readonly string[]): string {
  return typeof answer === 'string' ? answer : [...answer].sort(compareText).join('+');
}

/** Running counts for a set of records: a whole group, or one domain in it. */
class Tally {
  records = 0;
  readonly outcomes = new Map<string, number>();
  readonly answered = new Map<string, number>();
  readonly answers = new Map<string, Map<string, number>>();

  countAnswer(node: string, key: string | undefined): void {
    increment(this.answered, node);
    if (key === undefined) return;
    let counts = this.answers.get(node);
    if (!counts) this.answers.set(node, (counts = new Map()));
    increment(counts, key);
  }
}

function increment<K>(map: Map<K, number>, key: K, by = 1): void {
  map.set(key, (map.get(key) ?? 0) + by);
}

/**
 * A text the records carry (a question, a label), for when no tree says it: the one from a record
 * in the report's language, else from the smallest record id, so the choice does not depend on the
 * order records were read in.
 */
class Preferred {
  private rank: string | undefined;
  value = '';

  offer(text: string, record: DecisionRecord, language: string): void {
    const rank = `${record.language === language ? 0 : 1}${record.id}`;
    if (this.rank === undefined || rank < this.rank) {
      this.rank = rank;
      this.value = text;
    }
  }
}

interface QuestionState {
  kind: CountedAs;
  /** The earliest place in any path where this question stood: its order when no tree is at hand. */
  firstIndex: number;
  text: Preferred;
  labels: Map<string, Preferred>;
  motivations: Map<string, CappedList<Quote>>;
  texts: CappedList<Quote>;
}

interface PendingAfspraak {
  record: string;
  author: ReportAuthor;
  same_outcome: boolean;
  differences: string[];
  notReached: string[];
}

interface PendingDeviation {
  record: string;
  author: ReportAuthor;
  outcome: string;
  decision: string;
  reason: string;
}

interface GroupState {
  dilemmaId: string;
  pin: { kind: 'kader' | 'dilemma'; id: string; version: string; sha256: string };
  tree: Tree | undefined;
  versions: Set<string>;
  dilemmaShas: Set<string>;
  all: Tally;
  domains: Map<string, Tally>;
  unverified: number;
  questions: Map<string, QuestionState>;
  outcomes: Map<string, { verdict: string; label: Preferred }>;
  /** `from \n answer key \n to` → records, from the paths themselves; used when the tree is not at hand. */
  transitions: Map<string, number>;
  compared: number;
  sameOutcome: number;
  departing: number;
  afspraakDeviating: Map<string, number>;
  afspraakRecords: CappedList<PendingAfspraak>;
  deviationCount: number;
  deviations: CappedList<PendingDeviation>;
}

const byRecord = <T extends { record: string }>(a: T, b: T) => compareText(a.record, b.record);
const byQuote = (a: Quote, b: Quote) => compareText(a.record, b.record) || compareText(a.text, b.text);

/**
 * Aggregates verified records one at a time into per-group running counts, keeping only what the
 * report shows (motivations up to a cap), so memory stays flat however many records stream through.
 * Groups are a dilemma id plus the hash of the tree walked: different versions are never merged.
 */
export class ReviewAggregator {
  private readonly groups = new Map<string, GroupState>();
  private readonly flagged: FlaggedRecord[] = [];
  private readonly byStatus = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<RecordStatus, number>;
  private readonly seenIds = new Map<string, string>();
  private duplicates = 0;
  private files = 0;
  private included = 0;

  constructor(private readonly options: ReviewOptions) {}

  /** Counts one verified file; returns whether its record is part of the review. */
  add(input: ReviewInput): boolean {
    this.files++;
    this.byStatus[input.status]++;
    let include = input.record !== undefined && (input.status === 'ok' || this.options.includeUnverified);
    // A copy of a counted record (the same id under another file name) is one record, counted once.
    const id = input.record?.id;
    if (include && id !== undefined) {
      const first = this.seenIds.get(id);
      if (first !== undefined) {
        this.duplicates++;
        this.flagged.push({ file: input.file, status: input.status, code: 'duplicate-id', reason: `the same record id as ${first}`, included: false });
        include = false;
      } else this.seenIds.set(id, input.file);
    }
    if (input.status !== 'ok') {
      this.flagged.push({ file: input.file, status: input.status, code: input.code ?? null, reason: input.reason ?? null, included: include });
    }
    // A group's answer is one voice for many people: it is said why it is not among the counts.
    if (input.workshop) {
      const w = input.workshop;
      this.flagged.push({
        file: input.file,
        status: input.status,
        code: 'workshop-record',
        reason: `a group's answer (${w.participants} participants, outcome ${w.outcome.id}): not counted with individual records; its tallies are in the record`,
        included: false,
      });
    }
    // Identifying data let through on purpose is worth the trainer's eye too, with its recorded reason.
    if (input.record?.allow_identifying) {
      this.flagged.push({ file: input.file, status: input.status, code: 'allow-identifying', reason: input.record.allow_identifying, included: include });
    }
    if (!include) return false;
    this.included++;
    this.addRecord(input.record!, input.status !== 'ok', this.breakdownKey(input));
    return true;
  }

  private author(author: Author): ReportAuthor {
    return this.options.anonymous
      ? { domain: author.domain }
      : { name: author.name, role: author.role, domain: author.domain, organisation: author.organisation };
  }

  private group(record: DecisionRecord): GroupState {
    const pin = record.kader ? { kind: 'kader' as const, ...record.kader } : { kind: 'dilemma' as const, ...record.dilemma };
    const key = `${record.dilemma.id}\n${pin.sha256}`;
    let group = this.groups.get(key);
    if (!group) {
      group = {
        dilemmaId: record.dilemma.id,
        pin,
        tree: this.options.findTree(record),
        versions: new Set(),
        dilemmaShas: new Set(),
        all: new Tally(),
        domains: new Map(),
        unverified: 0,
        questions: new Map(),
        outcomes: new Map(),
        transitions: new Map(),
        compared: 0,
        sameOutcome: 0,
        departing: 0,
        afspraakDeviating: new Map(),
        afspraakRecords: new CappedList(LIST_CAP, byRecord),
        deviationCount: 0,
        deviations: new CappedList(LIST_CAP, byRecord),
      };
      this.groups.set(key, group);
    }
    return group;
  }

  /** The breakdown a record belongs to: its author's domain, organisation, or project. */
  private breakdownKey(input: ReviewInput): string {
    const by = this.options.by ?? 'domain';
    if (by === 'organisation') return input.record!.author.organisation;
    if (by === 'project') return input.project ?? '—';
    return input.record!.author.domain;
  }

  private addRecord(record: DecisionRecord, unverified: boolean, breakdown: string): void {
    const lang = this.options.language;
    const g = this.group(record);
    g.versions.add(record.dilemma.version);
    g.dilemmaShas.add(record.dilemma.sha256);
    if (unverified) g.unverified++;
    let domain = g.domains.get(breakdown);
    if (!domain) g.domains.set(breakdown, (domain = new Tally()));
    const author = this.author(record.author);
    for (const tally of [g.all, domain]) {
      tally.records++;
      increment(tally.outcomes, record.outcome.id);
    }

    for (const [index, entry] of record.path.entries()) {
      const q = this.question(g, entry, index);
      q.text.offer(entry.question, record, lang);
      const key = q.kind === 'text' ? undefined : answerKey(entry.answer);
      g.all.countAnswer(entry.node, key);
      domain.countAnswer(entry.node, key);
      if (key === undefined) {
        if (this.options.motivationCap > 0) {
          const text = typeof entry.answer === 'string' ? entry.answer : entry.answer.join('; ');
          q.texts.add({ record: record.id, author, text, ...(entry.motivation ? { motivation: entry.motivation } : {}) });
        }
      } else {
        if (entry.label !== undefined) {
          let label = q.labels.get(key);
          if (!label) q.labels.set(key, (label = new Preferred()));
          label.offer(entry.label, record, lang);
        }
        if (entry.motivation && this.options.motivationCap > 0) {
          let list = q.motivations.get(key);
          if (!list) q.motivations.set(key, (list = new CappedList(this.options.motivationCap, byQuote)));
          list.add({ record: record.id, author, text: entry.motivation });
        }
      }
      if (!g.tree) increment(g.transitions, `${entry.node}\n${key ?? ''}\n${record.path[index + 1]?.node ?? record.outcome.id}`);
    }

    let outcome = g.outcomes.get(record.outcome.id);
    if (!outcome) g.outcomes.set(record.outcome.id, (outcome = { verdict: record.outcome.verdict, label: new Preferred() }));
    outcome.label.offer(record.outcome.label, record, lang);

    if (record.afspraak) {
      g.compared++;
      if (record.afspraak.same_outcome) g.sameOutcome++;
      // A difference is either a question answered otherwise, or one of the afspraak's the record never reached.
      const walked = new Set(record.path.map((e) => e.node));
      const otherwise = record.afspraak.differences.filter((node) => walked.has(node));
      for (const node of otherwise) increment(g.afspraakDeviating, node);
      if (record.afspraak.differences.length > 0 || !record.afspraak.same_outcome) {
        g.departing++;
        g.afspraakRecords.add({
          record: record.id,
          author,
          same_outcome: record.afspraak.same_outcome,
          differences: otherwise,
          notReached: record.afspraak.differences.filter((node) => !walked.has(node)),
        });
      }
    }
    if (record.deviation) {
      g.deviationCount++;
      g.deviations.add({ record: record.id, author, outcome: record.outcome.id, ...record.deviation });
    }
  }

  private question(g: GroupState, entry: PathEntry, index: number): QuestionState {
    let q = g.questions.get(entry.node);
    if (!q) {
      q = {
        kind: tallyOf(g.tree?.nodes.get(entry.node), entry),
        firstIndex: index,
        text: new Preferred(),
        labels: new Map(),
        motivations: new Map(),
        texts: new CappedList(this.options.motivationCap, byQuote),
      };
      g.questions.set(entry.node, q);
    }
    q.firstIndex = Math.min(q.firstIndex, index);
    return q;
  }

  finish(): ReviewReport {
    const groups = [...this.groups.values()]
      .sort(
        (a, b) =>
          compareText(a.dilemmaId, b.dilemmaId) ||
          compareText(a.pin.id, b.pin.id) ||
          compareText(a.pin.version, b.pin.version) ||
          compareText(a.pin.sha256, b.pin.sha256),
      )
      .map((g) => new GroupView(g, this.options).report());
    const flagged = [...this.flagged].sort((a, b) => compareText(a.file, b.file) || compareText(a.status, b.status));
    return {
      leertuin_review: REVIEW_FORMAT_VERSION,
      language: this.options.language,
      anonymous: this.options.anonymous,
      include_unverified: this.options.includeUnverified,
      motivation_cap: this.options.motivationCap,
      breakdown: this.options.by ?? 'domain',
      totals: {
        files: this.files,
        included: this.included,
        flagged: flagged.length,
        excluded: this.files - this.included,
        duplicates: this.duplicates,
        by_status: { ...this.byStatus },
      },
      flagged,
      groups,
    };
  }
}

/** How a question's answers are counted: as its kind says, else (no tree at hand) as the record's answer looks. */
function tallyOf(node: TreeNode | undefined, entry: PathEntry): CountedAs {
  const tally = node && kindOf(node).tally;
  if (tally) return tally;
  if (Array.isArray(entry.answer)) return 'multiple';
  return entry.label === undefined ? 'text' : 'single';
}

/** One group's finished report: texts from the tree where it is at hand, else from the records. */
class GroupView {
  private readonly lang: string;
  private readonly tree: Tree | undefined;
  private readonly order: Map<string, number>;
  private readonly dilemma: LoadedDilemma | undefined;
  /** The dilemma file the records walked, when it is at hand: its afspraak is the one they were compared with. */
  private readonly walked: LoadedDilemma | undefined;

  constructor(
    private readonly g: GroupState,
    options: ReviewOptions,
  ) {
    this.lang = options.language;
    this.tree = g.tree;
    const ids = g.tree ? [...g.tree.nodes.keys()] : [];
    this.order = new Map(ids.map((id, i) => [id, i]));
    this.dilemma = options.findDilemma(g.dilemmaId);
    const d = this.dilemma;
    this.walked = d && g.dilemmaShas.has(d.pin.sha256) && treePin(d).sha256 === g.pin.sha256 ? d : undefined;
  }

  private text(value: Localized | undefined, source = this.tree?.languages[0]): string {
    return value === undefined ? '' : localize(value, this.lang, source);
  }

  private node(id: string): TreeNode | undefined {
    return this.tree?.nodes.get(id);
  }

  /** Where a question stands: its place in the tree, else after the tree, by where records met it. */
  private position(id: string): number {
    return this.order.get(id) ?? this.order.size + (this.g.questions.get(id)?.firstIndex ?? 0);
  }

  private byPosition = (a: string, b: string) => this.position(a) - this.position(b) || compareText(a, b);

  private questionText(id: string): string {
    const node = this.node(id);
    return node ? this.text(node.text) : this.g.questions.get(id)?.text.value || id;
  }

  private answerLabel(id: string, key: string): string {
    const node = this.node(id);
    const options = optionsOf(node);
    if (options.length > 0) {
      const labels = key.split('+').map((option) => options.find((o) => o.id === option));
      if (labels.every((o) => o !== undefined)) return labels.map((o) => this.text(o.label)).join('; ');
    }
    return this.g.questions.get(id)?.labels.get(key)?.value || key;
  }

  private outcomeLabel(id: string): string {
    const node = this.node(id);
    return node?.kind === 'outcome' ? this.text(node.text) : this.g.outcomes.get(id)?.label.value || id;
  }

  report(): GroupReport {
    const g = this.g;
    const afspraak = this.walked?.file.afspraak;
    const questions = this.questions(afspraak?.answers);
    const choice = questions
      .filter((q) => q.kind !== 'text')
      .map((q) => q.node)
      .sort(this.byPosition);
    return {
      dilemma: {
        id: g.dilemmaId,
        title: this.dilemma ? this.text(this.dilemma.file.title, this.dilemma.file.languages[0]) : g.dilemmaId,
        versions: [...g.versions].sort(compareText),
      },
      tree: { ...g.pin, available: this.tree !== undefined },
      records: g.all.records,
      unverified: g.unverified,
      spread: this.spread(afspraak?.outcome),
      outcomes: this.outcomes(g.all),
      agreement: agreement(g.all, choice),
      questions,
      by_domain: this.domains(choice),
      afspraak: this.afspraak(),
      deviations: {
        count: g.deviationCount,
        records: mapCapped(g.deviations.result(), (d): DeviationRow => ({ ...d, outcome: { id: d.outcome, label: this.outcomeLabel(d.outcome) } })),
      },
      flow: this.tree ? this.treeFlow(this.tree) : this.recordFlow(),
    };
  }

  private spread(agreedOutcome: string | undefined): OutcomeSpread {
    const all = this.g.all;
    const [largest] = this.outcomes(all);
    return {
      records: all.records,
      outcomes: all.outcomes.size,
      largest: largest ? { id: largest.id, label: largest.label, count: largest.count } : null,
      afspraak: agreedOutcome === undefined ? null : { id: agreedOutcome, label: this.outcomeLabel(agreedOutcome), reached: all.outcomes.get(agreedOutcome) ?? 0 },
    };
  }

  /** Per option of a multiple-choice question: how many chose it, in the tree's order. */
  private optionRows(id: string, counts: ReadonlyMap<string, number>, answered: number, agreedKey: string | null): OptionRow[] {
    const chosen = new Map<string, number>();
    for (const [key, count] of counts) for (const option of key.split('+')) chosen.set(option, (chosen.get(option) ?? 0) + count);
    const node = this.node(id);
    const inTree = optionsOf(node).map((o) => o.id);
    const agreed = new Set(agreedKey === null ? [] : agreedKey.split('+'));
    return [...inTree, ...[...chosen.keys()].filter((o) => !inTree.includes(o)).sort(compareText)].map((option) => ({
      id: option,
      label: this.answerLabel(id, option),
      count: chosen.get(option) ?? 0,
      share: share(chosen.get(option) ?? 0, answered),
      agreed: agreed.has(option),
    }));
  }

  private outcomes(tally: Tally): OutcomeRow[] {
    return [...tally.outcomes.entries()]
      .sort(([a, x], [b, y]) => y - x || compareText(a, b))
      .map(([id, count]) => {
        const node = this.node(id);
        const verdict = node?.kind === 'outcome' ? node.verdict : (this.g.outcomes.get(id)?.verdict ?? '');
        return { id, verdict, label: this.outcomeLabel(id), count, share: share(count, tally.records) };
      });
  }

  /** The answers of a question in display order: a single choice's options in tree order, else most chosen first. */
  private answerKeys(id: string, kind: CountedAs, counts: ReadonlyMap<string, number>): string[] {
    const observed = [...counts.entries()].sort(([a, x], [b, y]) => y - x || compareText(a, b)).map(([key]) => key);
    const node = this.node(id);
    if (kind !== 'single' || !node || kindOf(node).tally !== 'single') return observed;
    const options = optionsOf(node).map((o) => o.id);
    return [...options, ...observed.filter((key) => !options.includes(key)).sort(compareText)];
  }

  private questions(agreed: Record<string, string | string[]> | undefined): QuestionRow[] {
    const g = this.g;
    const hasAfspraak = agreed !== undefined || g.compared > 0;
    const rows = [...g.questions.entries()].map(([id, q]): QuestionRow => {
      const counts = g.all.answers.get(id) ?? new Map<string, number>();
      const answered = g.all.answered.get(id) ?? 0;
      const keys = q.kind === 'text' ? [] : this.answerKeys(id, q.kind, counts);
      const agreedKey = agreed?.[id] === undefined ? null : answerKey(agreed[id]!);
      const answers = keys.map(
        (key): AnswerRow => ({
          answer: q.kind === 'multiple' ? key.split('+') : key,
          key,
          label: this.answerLabel(id, key),
          count: counts.get(key) ?? 0,
          share: share(counts.get(key) ?? 0, answered),
          agreed: key === agreedKey,
          motivations: q.motivations.get(key)?.result() ?? { items: [], omitted: 0 },
        }),
      );
      const options = q.kind === 'multiple' ? this.optionRows(id, counts, answered, agreedKey) : [];
      return {
        node: id,
        kind: q.kind,
        text: this.questionText(id),
        disputed: this.node(id)?.disputed !== undefined,
        rank: 0,
        answered,
        divergence: q.kind === 'text' ? null : q.kind === 'multiple' ? optionDivergence(options) : divergence(counts.values()),
        answers,
        options,
        texts: q.texts.result(),
        by_domain: this.sortedDomains().flatMap(([domain, tally]) => {
          const n = tally.answered.get(id) ?? 0;
          if (n === 0) return [];
          const own = tally.answers.get(id) ?? new Map<string, number>();
          return [
            {
              domain,
              answered: n,
              divergence: q.kind === 'text' ? null : divergence(own.values()),
              answers: keys.filter((key) => (own.get(key) ?? 0) > 0).map((key) => ({ key, count: own.get(key)! })),
            },
          ];
        }),
        afspraak: hasAfspraak
          ? {
              key: agreedKey,
              label: agreedKey === null ? null : this.answerLabel(id, agreedKey),
              // Off the afspraak's path nobody departs from it: they already did, at an earlier question.
              deviating: agreed !== undefined && agreedKey === null ? 0 : (g.afspraakDeviating.get(id) ?? 0),
            }
          : null,
      };
    });
    rows.sort(
      (a, b) =>
        (b.divergence ?? -1) - (a.divergence ?? -1) || b.answered - a.answered || this.byPosition(a.node, b.node),
    );
    rows.forEach((row, i) => (row.rank = i + 1));
    return rows;
  }

  private sortedDomains(): [string, Tally][] {
    const rank = (d: string) => {
      const i = (DOMAINS as readonly string[]).indexOf(d);
      return i < 0 ? DOMAINS.length : i;
    };
    return [...this.g.domains.entries()].sort(([a], [b]) => rank(a) - rank(b) || compareText(a, b));
  }

  private domains(choice: string[]): DomainRow[] {
    return this.sortedDomains().map(([domain, tally]) => ({
      domain,
      records: tally.records,
      outcomes: this.outcomes(tally),
      agreement: agreement(tally, choice),
    }));
  }

  private afspraak(): AfspraakSummary | null {
    const g = this.g;
    const walked = this.walked;
    const afspraak = walked?.file.afspraak;
    if (!afspraak && g.compared === 0) return null;
    const source = walked?.file.languages[0];
    return {
      agreed: afspraak
        ? {
            outcome: { id: afspraak.outcome, label: this.outcomeLabel(afspraak.outcome) },
            fictitious: afspraak.fictitious,
            by: this.text(afspraak.by, source),
            date: afspraak.date,
            rationale: this.text(afspraak.rationale, source),
          }
        : null,
      compared: g.compared,
      same_outcome: g.sameOutcome,
      departing: g.departing,
      records: mapCapped(g.afspraakRecords.result(), (r): AfspraakRecord => ({
        record: r.record,
        author: r.author,
        same_outcome: r.same_outcome,
        // Past the point where a record left the afspraak's path, its answers have nothing to compare with.
        differences: this.questionList(r.differences.filter((node) => !afspraak || afspraak.answers[node] !== undefined)),
        not_reached: this.questionList(r.notReached),
      })),
    };
  }

  private questionList(nodes: readonly string[]): { node: string; question: string }[] {
    return [...nodes].sort(this.byPosition).map((node) => ({ node, question: this.questionText(node) }));
  }

  /** The whole tree, every edge with the number of records that took it (0 for untaken ones). */
  private treeFlow(tree: Tree): { nodes: FlowNode[]; edges: FlowEdge[] } {
    const g = this.g;
    const answered = (id: string) => g.all.answered.get(id) ?? 0;
    const agreed = this.afspraakPath(tree);
    const edgesFrom = new Map<string, FlowEdge[]>();
    const into = new Map<string, number>();
    // Two options of a question may lead to the same node: only the afspraak's own option is its path.
    const add = (edge: Omit<FlowEdge, 'afspraak'>, option?: string) => {
      const list = edgesFrom.get(edge.from) ?? [];
      const onPath = agreed.edges.has(`${edge.from}\n${edge.to}`) && (option === undefined || agreed.answers[edge.from] === option);
      list.push({ ...edge, afspraak: onPath });
      edgesFrom.set(edge.from, list);
      increment(into, edge.to, edge.records);
    };
    for (const node of tree.nodes.values()) {
      const kind = kindOf(node);
      if (kind.role !== 'question') continue;
      const ways = kind.successors(node);
      if (kind.tally === 'text') {
        for (const way of ways) add({ from: node.id, to: way.target, label: '', records: answered(node.id) });
      } else if (ways.every((way) => way.option !== undefined)) {
        // Each option its own way: an edge per option, also an untaken one.
        for (const { target, option } of ways) {
          add({ from: node.id, to: target, label: this.text(option!.label), records: g.all.answers.get(node.id)?.get(option!.id) ?? 0 }, option!.id);
        }
      } else {
        const byTarget = new Map<string, number>(ways.map((way) => [way.target, 0]));
        for (const [key, count] of g.all.answers.get(node.id) ?? []) {
          try {
            increment(byTarget, kind.next(node, kind.tally === 'multiple' ? key.split('+') : key), count);
          } catch (error) {
            // An unverified record may carry an answer this tree does not know; it takes no edge.
            if (!(error instanceof WalkError)) throw error;
          }
        }
        for (const [to, records] of byTarget) add({ from: node.id, to, label: '', records });
      }
    }
    // Information nodes are passed by everyone who reaches them: their count is what flows in.
    const reached = new Map<string, number>();
    const reach = (id: string): number => {
      const known = reached.get(id);
      if (known !== undefined) return known;
      let total = id === tree.start ? g.all.records : (into.get(id) ?? 0);
      for (const parent of tree.nodes.values()) if (kindOf(parent).role === 'pass' && successors(parent)[0]?.target === id) total += reach(parent.id);
      reached.set(id, total);
      return total;
    };
    for (const node of tree.nodes.values()) {
      if (kindOf(node).role !== 'pass') continue;
      const next = successors(node)[0]!.target;
      edgesFrom.set(node.id, [{ from: node.id, to: next, label: '', records: reach(node.id), afspraak: agreed.edges.has(`${node.id}\n${next}`) }]);
    }
    const nodes = [...tree.nodes.values()].map((node): FlowNode => {
      const role = kindOf(node).role;
      return {
        id: node.id,
        kind: role === 'end' ? 'outcome' : role === 'pass' ? 'info' : 'question',
        label: this.text(node.text),
        disputed: node.disputed !== undefined,
        records: role === 'end' ? (g.all.outcomes.get(node.id) ?? 0) : role === 'pass' ? reach(node.id) : answered(node.id),
        afspraak: agreed.nodes.has(node.id),
      };
    });
    return { nodes, edges: [...tree.nodes.keys()].flatMap((id) => edgesFrom.get(id) ?? []) };
  }

  /** The nodes and edges (`from\nto`) of the afspraak's path, when the records walked the dilemma file at hand. */
  private afspraakPath(tree: Tree): { nodes: Set<string>; edges: Set<string>; answers: Record<string, unknown> } {
    const afspraak = this.walked?.file.afspraak;
    if (!afspraak) return { nodes: new Set(), edges: new Set(), answers: {} };
    let path: string[];
    try {
      const route = afspraakRoute(tree, afspraak);
      path = [...route.passed, route.outcome];
    } catch (error) {
      // An afspraak that lint would reject marks no path; the counts still stand.
      if (!(error instanceof WalkError)) throw error;
      return { nodes: new Set(), edges: new Set(), answers: {} };
    }
    return { nodes: new Set(path), edges: new Set(path.slice(1).map((to, i) => `${path[i]}\n${to}`)), answers: afspraak.answers };
  }

  /** Without the tree: the questions and outcomes the records met, and the steps they took between them. */
  private recordFlow(): { nodes: FlowNode[]; edges: FlowEdge[] } {
    const g = this.g;
    const questions = [...g.questions.keys()].sort(this.byPosition);
    const outcomes = [...g.outcomes.keys()].sort(compareText);
    const nodes: FlowNode[] = [
      ...questions.map((id): FlowNode => ({ id, kind: 'question', label: this.questionText(id), disputed: false, records: g.all.answered.get(id) ?? 0, afspraak: false })),
      ...outcomes.map((id): FlowNode => ({ id, kind: 'outcome', label: this.outcomeLabel(id), disputed: false, records: g.all.outcomes.get(id) ?? 0, afspraak: false })),
    ];
    const merged = new Map<string, FlowEdge>();
    for (const [transition, records] of g.transitions) {
      const [from, key, to] = transition.split('\n') as [string, string, string];
      const single = g.questions.get(from)?.kind === 'single';
      const id = single ? transition : `${from}\n\n${to}`;
      const edge = merged.get(id) ?? { from, to, label: single ? this.answerLabel(from, key) : '', records: 0, afspraak: false };
      edge.records += records;
      merged.set(id, edge);
    }
    const place = new Map(nodes.map((n, i) => [n.id, i]));
    const edges = [...merged.values()].sort(
      (a, b) => place.get(a.from)! - place.get(b.from)! || compareText(a.label, b.label) || place.get(a.to)! - place.get(b.to)!,
    );
    return { nodes, edges };
  }
}

/** A multiple-choice question splits a group as much as its most split option does. */
function optionDivergence(options: readonly OptionRow[]): number | null {
  let most: number | null = null;
  for (const option of options) most = Math.max(most ?? 0, Math.min(option.share, 1 - option.share));
  return most === null ? null : Math.round(most * 10_000) / 10_000;
}

function agreement(tally: Tally, choice: readonly string[]): Agreement {
  const questions = choice.filter((id) => tally.answered.get(id) === tally.records);
  const kappa = fleissKappa(questions.map((id) => tally.answers.get(id) ?? new Map<string, number>()));
  return { measure: 'fleiss-kappa', ...kappa, questions, raters: tally.records };
}

function mapCapped<T, U>(capped: { items: T[]; omitted: number }, map: (item: T) => U): { items: U[]; omitted: number } {
  return { items: capped.items.map(map), omitted: capped.omitted };
}
