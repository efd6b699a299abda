import type { AfspraakRegister, AgreedAnswer, RegisterEntry } from './register.js';

export interface ProjectAfspraken {
  /** How the project is named in the comparison: its organisation, else its folder. */
  name: string;
  folder: string;
  register: AfspraakRegister;
}

export interface QuestionComparison {
  node: string;
  question: string;
  same: boolean;
  /** Per project, in the order given: its agreed answer, or null when its afspraak does not pass this question. */
  answers: ({ answer: AgreedAnswer; label: string } | null)[];
}

export interface DilemmaComparison {
  id: string;
  title: string;
  /** Same outcome and the same answer at every question either afspraak passes. */
  same: boolean;
  same_outcome: boolean;
  /** Per project: version, outcome, by whom and when. */
  projects: { version: string; tree_sha256: string; outcome: { id: string; label: string }; by: string; date: string }[];
  /** Every question any of the afspraken passes; where they differ first. */
  questions: QuestionComparison[];
}

export interface AfsprakenComparison {
  leertuin_afspraken_compare: number;
  projects: { name: string; folder: string; afspraken: number }[];
  /** Dilemmas with an afspraak in every project compared. */
  dilemmas: DilemmaComparison[];
  /** Dilemmas with an afspraak in some of the projects only: which. */
  partial: { id: string; title: string; in: string[] }[];
}

const key = (answer: AgreedAnswer) => (typeof answer === 'string' ? answer : [...answer].sort().join('+'));

function compareOne(entries: RegisterEntry[]): DilemmaComparison {
  const nodes: { node: string; question: string }[] = [];
  for (const entry of entries) for (const step of entry.answers) if (!nodes.some((n) => n.node === step.node)) nodes.push({ node: step.node, question: step.question });
  const questions = nodes.map(({ node, question }): QuestionComparison => {
    const answers = entries.map((entry) => {
      const step = entry.answers.find((s) => s.node === node);
      return step ? { answer: step.answer, label: step.label } : null;
    });
    const keys = answers.map((a) => (a === null ? null : key(a.answer)));
    return { node, question, same: keys.every((k) => k !== null && k === keys[0]), answers };
  });
  const sameOutcome = entries.every((e) => e.outcome.id === entries[0]!.outcome.id);
  return {
    id: entries[0]!.dilemma.id,
    title: entries[0]!.dilemma.title,
    same: sameOutcome && questions.every((q) => q.same),
    same_outcome: sameOutcome,
    projects: entries.map((e) => ({ version: e.dilemma.version, tree_sha256: e.tree.sha256, outcome: { id: e.outcome.id, label: e.outcome.label }, by: e.by, date: e.date })),
    // Stable: where they differ first, each part in the order the questions come.
    questions: [...questions.filter((q) => !q.same), ...questions.filter((q) => q.same)],
  };
}

/** For each dilemma the projects agreed on, whether they agreed the same, and at which questions not. */
export function compareAfspraken(projects: readonly ProjectAfspraken[]): AfsprakenComparison {
  const ids = [...new Set(projects.flatMap((p) => p.register.entries.map((e) => e.dilemma.id)))].sort();
  const dilemmas: DilemmaComparison[] = [];
  const partial: AfsprakenComparison['partial'] = [];
  for (const id of ids) {
    const found = projects.map((p) => p.register.entries.find((e) => e.dilemma.id === id));
    const present = found.filter((e): e is RegisterEntry => e !== undefined);
    if (present.length === projects.length) dilemmas.push(compareOne(present));
    else partial.push({ id, title: present[0]!.dilemma.title, in: projects.filter((_, i) => found[i] !== undefined).map((p) => p.name) });
  }
  return {
    leertuin_afspraken_compare: 1,
    projects: projects.map((p) => ({ name: p.name, folder: p.folder, afspraken: p.register.entries.length })),
    dilemmas,
    partial,
  };
}
