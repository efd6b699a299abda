import { optionsOf } from '../dilemma/options.js';
import { legalLines } from '../dilemma/reference.js';
import { afspraakRoute } from '../dilemma/afspraak.js';
import { localize } from '../dilemma/localize.js';
import { treePin, type LoadedDilemma } from '../dilemma/model.js';
import type { Afspraak, Localized, TreeNode } from '../dilemma/schema.js';
import type { DecisionRecord } from '../record/model.js';
import type { RecordStatus, SignerResult } from '../verify/verify.js';
import { WalkError } from '../walk/engine.js';
import type { WorkshopRecord } from '../workshop/model.js';

export const REGISTER_FORMAT_VERSION = 1;
/** Departing records listed per afspraak; the counts always cover all of them. */
export const DEPARTING_CAP = 50;

export type AgreedAnswer = string | readonly string[];

export interface AgreedStep {
  node: string;
  question: string;
  answer: AgreedAnswer;
  label: string;
}

export interface DepartingRecord {
  record: string;
  id: string;
  version: string;
  outcome: { id: string; label: string };
  deviation?: { decision: string; reason: string };
  /** The first question where the record answered otherwise than agreed, with its motivation. */
  differs_at?: { node: string; question: string; answer: AgreedAnswer; motivation?: string };
}

export interface RegisterEntry {
  dilemma: { id: string; version: string; title: string; file: string; bundled: boolean };
  tree: { kind: 'kader' | 'dilemma'; id: string; version: string; sha256: string };
  fictitious: boolean;
  date: string;
  by: string;
  rationale: string;
  /** `legal`: the sources the outcome cites, with the registry's title and official link. */
  outcome: { id: string; verdict: string; label: string; conditions: string[]; legal: { text: string; url?: string }[] };
  answers: AgreedStep[];
  /** The signed workshop record in which the group came to this afspraak, when one is at hand. */
  agreed_in: {
    record: string;
    id: string;
    status: RecordStatus;
    created: string;
    trainer: { name: string; role: string; organisation: string };
    participants: number;
    signers: { principal: string; trusted: boolean }[];
  } | null;
  /** Decision records of this dilemma made on or after the afspraak's date (verified ones, unless asked otherwise). */
  since: { records: number; same_outcome: number; other_outcome: number; deviated: number; departing: { items: DepartingRecord[]; omitted: number } };
}

export interface AfspraakRegister {
  leertuin_afspraken: number;
  language: string;
  entries: RegisterEntry[];
  /** Files read: decision records counted (verified ok), workshop records, and files not counted (not ok, or unreadable). */
  totals: { files: number; counted: number; workshops: number; excluded: number };
}

export interface RegisterInput {
  file: string;
  status: RecordStatus;
  signers: SignerResult[];
  record?: DecisionRecord;
  workshop?: WorkshopRecord;
}

function sameAnswer(a: AgreedAnswer | undefined, b: AgreedAnswer | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  const list = (x: AgreedAnswer) => (typeof x === 'string' ? [x] : [...x].sort());
  return list(a).join('\n') === list(b).join('\n');
}

/** Whether a workshop's group made exactly the afspraak's choices and reached its outcome. */
export function matchesAfspraak(workshop: WorkshopRecord, afspraak: Afspraak): boolean {
  if (workshop.outcome.id !== afspraak.outcome) return false;
  const choices = new Map(workshop.path.map((e) => [e.node, e.choice]));
  return Object.entries(afspraak.answers).every(([node, answer]) => sameAnswer(choices.get(node), answer));
}

interface State {
  dilemma: LoadedDilemma;
  afspraak: Afspraak;
  records: number;
  sameOutcome: number;
  otherOutcome: number;
  deviated: number;
  departingTotal: number;
  departing: DepartingRecord[];
  workshop: { input: RegisterInput; workshop: WorkshopRecord } | undefined;
}

/**
 * The project's afspraken, and what happened since each: records stream through `add` one at a
 * time; only the departing ones are kept, up to a cap.
 */
export class RegisterBuilder {
  private readonly states = new Map<string, State>();
  private files = 0;
  private counted = 0;
  private workshops = 0;

  /** `includeUnverified`: count readable records that are not ok (untrusted, unsigned, changed) too. */
  constructor(
    dilemmas: readonly LoadedDilemma[],
    private readonly language: string,
    private readonly includeUnverified = false,
  ) {
    for (const dilemma of dilemmas) {
      const afspraak = dilemma.file.afspraak;
      if (!afspraak || this.states.has(dilemma.pin.id)) continue;
      this.states.set(dilemma.pin.id, { dilemma, afspraak, records: 0, sameOutcome: 0, otherOutcome: 0, deviated: 0, departingTotal: 0, departing: [], workshop: undefined });
    }
  }

  private text(state: State, value: Localized | undefined): string {
    return value === undefined ? '' : localize(value, this.language, state.dilemma.file.languages[0]);
  }

  add(input: RegisterInput): void {
    this.files++;
    if (input.workshop) {
      this.workshops++;
      const state = this.states.get(input.workshop.dilemma.id);
      if (state && matchesAfspraak(input.workshop, state.afspraak) && this.betterWorkshop(state, input, input.workshop)) state.workshop = { input, workshop: input.workshop };
      return;
    }
    const record = input.record;
    if (!record || (input.status !== 'ok' && !this.includeUnverified)) return;
    this.counted++;
    const state = this.states.get(record.dilemma.id);
    if (!state || record.created.slice(0, 10) < state.afspraak.date) return;
    state.records++;
    const other = record.outcome.id !== state.afspraak.outcome;
    if (other) state.otherOutcome++;
    else state.sameOutcome++;
    if (record.deviation) state.deviated++;
    if (other || record.deviation) this.depart(state, input.file, record);
  }

  /** A signed workshop on the afspraak's own date first, then a trusted one, then the latest. */
  private betterWorkshop(state: State, input: RegisterInput, workshop: WorkshopRecord): boolean {
    const current = state.workshop;
    if (!current) return true;
    const rank = (i: RegisterInput, w: WorkshopRecord) => `${w.created.slice(0, 10) === state.afspraak.date ? 1 : 0}${i.status === 'ok' ? 1 : 0}${w.created}`;
    return rank(input, workshop) > rank(current.input, current.workshop);
  }

  private depart(state: State, file: string, record: DecisionRecord): void {
    const entry = record.path.find((e) => state.afspraak.answers[e.node] !== undefined && !sameAnswer(state.afspraak.answers[e.node], e.answer));
    state.departingTotal++;
    const departing: DepartingRecord = {
      record: file,
      id: record.id,
      version: record.dilemma.version,
      outcome: { id: record.outcome.id, label: this.outcomeLabel(state, record.outcome.id) || record.outcome.label },
      ...(record.deviation ? { deviation: { ...record.deviation } } : {}),
      ...(entry ? { differs_at: { node: entry.node, question: this.question(state, entry.node) ?? entry.question, answer: entry.answer, ...(entry.motivation ? { motivation: entry.motivation } : {}) } } : {}),
    };
    state.departing.push(departing);
    // Kept sorted and capped as records come, so memory stays flat.
    state.departing.sort((a, b) => (a.record < b.record ? -1 : a.record > b.record ? 1 : 0));
    if (state.departing.length > DEPARTING_CAP) state.departing.length = DEPARTING_CAP;
  }

  /** A question's text from the tree, in the register's language (a record carries it in its own). */
  private question(state: State, id: string): string | undefined {
    const node = state.dilemma.tree.nodes.get(id);
    return node ? this.text(state, node.text) : undefined;
  }

  private outcomeLabel(state: State, id: string): string {
    const node = state.dilemma.tree.nodes.get(id);
    return node?.kind === 'outcome' ? this.text(state, node.text) : '';
  }

  private answers(state: State): AgreedStep[] {
    const { tree } = state.dilemma;
    let route: string[];
    try {
      route = afspraakRoute(tree, state.afspraak).nodes;
    } catch (error) {
      // Loading checks the afspraak; this only guards a file changed under a running command.
      if (!(error instanceof WalkError)) throw error;
      route = Object.keys(state.afspraak.answers);
    }
    return route.map((node) => {
      const answer = state.afspraak.answers[node]!;
      const n: TreeNode | undefined = tree.nodes.get(node);
      const label = (id: string) => this.text(state, optionsOf(n).find((o) => o.id === id)?.label) || id;
      return { node, question: this.question(state, node) ?? node, answer, label: (typeof answer === 'string' ? [answer] : answer).map(label).join('; ') };
    });
  }

  finish(): AfspraakRegister {
    const entries = [...this.states.values()]
      .sort((a, b) => (a.dilemma.pin.id < b.dilemma.pin.id ? -1 : 1))
      .map((state): RegisterEntry => {
        const { dilemma, afspraak } = state;
        const outcome = dilemma.tree.nodes.get(afspraak.outcome);
        const w = state.workshop;
        return {
          dilemma: { id: dilemma.pin.id, version: dilemma.pin.version, title: this.text(state, dilemma.file.title), file: dilemma.path, bundled: dilemma.bundled },
          tree: { kind: dilemma.kader ? 'kader' : 'dilemma', ...treePin(dilemma) },
          fictitious: afspraak.fictitious,
          date: afspraak.date,
          by: this.text(state, afspraak.by),
          rationale: this.text(state, afspraak.rationale),
          outcome: {
            id: afspraak.outcome,
            verdict: outcome?.kind === 'outcome' ? outcome.verdict : '',
            label: this.outcomeLabel(state, afspraak.outcome) || afspraak.outcome,
            conditions: outcome?.kind === 'outcome' ? (outcome.conditions ?? []).map((c) => this.text(state, c)) : [],
            legal: legalLines(outcome?.legal, dilemma.reference, this.language, dilemma.file.languages[0]).map((l) => ({ text: l.text, ...(l.url ? { url: l.url } : {}) })),
          },
          answers: this.answers(state),
          agreed_in: w
            ? {
                record: w.input.file,
                id: w.workshop.id,
                status: w.input.status,
                created: w.workshop.created,
                trainer: { ...w.workshop.trainer },
                participants: w.workshop.participants,
                signers: w.input.signers.map((s) => ({ principal: s.principal, trusted: s.trusted })),
              }
            : null,
          since: {
            records: state.records,
            same_outcome: state.sameOutcome,
            other_outcome: state.otherOutcome,
            deviated: state.deviated,
            departing: { items: state.departing, omitted: state.departingTotal - state.departing.length },
          },
        };
      });
    return { leertuin_afspraken: REGISTER_FORMAT_VERSION, language: this.language, entries, totals: { files: this.files, counted: this.counted, workshops: this.workshops, excluded: this.files - this.counted - this.workshops } };
  }
}
