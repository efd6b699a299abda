/** Numbers in the report are rounded to four decimals, so every reader and every run sees the same bytes. */
export function round4(value: number): number {
  const rounded = Math.round(value * 10_000) / 10_000;
  return rounded === 0 ? 0 : rounded;
}

export function share(count: number, total: number): number {
  return total === 0 ? 0 : round4(count / total);
}

/**
 * The divergence of one question: the share of answers other than the most chosen one (the
 * "variation ratio"), 0 when everyone agrees, approaching 1 when answers spread over many options.
 * Chosen over entropy because a trainer can read it aloud: "40% chose otherwise than most".
 */
export function divergence(counts: Iterable<number>): number | null {
  let total = 0;
  let most = 0;
  for (const count of counts) {
    total += count;
    most = Math.max(most, count);
  }
  return total === 0 ? null : round4(1 - most / total);
}

export interface Kappa {
  kappa: number | null;
  observed: number | null;
  expected: number | null;
}

/**
 * Fleiss' kappa. Each subject (a question) was rated by the same n raters (the records); each
 * subject maps a category (the answer: an option id, or the sorted ids of a multiple choice) to
 * how many raters chose it. Categories are shared across subjects by id, as in Fleiss (1971): the
 * chance agreement comes from how often each answer id was given over all questions,
 * p_j = (sum over i of n_ij) / (N·n). Kappa is null when it is undefined: no subject, fewer than
 * two raters, unequal numbers of raters, or a chance agreement of 1 (every rating the same).
 */
export function fleissKappa(subjects: readonly ReadonlyMap<string, number>[]): Kappa {
  const none = { kappa: null, observed: null, expected: null };
  const sum = (counts: ReadonlyMap<string, number>) => [...counts.values()].reduce((a, b) => a + b, 0);
  const N = subjects.length;
  if (N === 0) return none;
  const n = sum(subjects[0]!);
  if (n < 2 || subjects.some((s) => sum(s) !== n)) return none;
  let observed = 0;
  const totals = new Map<string, number>();
  for (const counts of subjects) {
    let squares = 0;
    for (const [category, c] of counts) {
      squares += c * c;
      totals.set(category, (totals.get(category) ?? 0) + c);
    }
    observed += (squares - n) / (n * (n - 1));
  }
  observed /= N;
  // Summed in category order, so the result does not depend on the order records came in.
  const expected = [...totals.keys()].sort().reduce((e, category) => e + (totals.get(category)! / (N * n)) ** 2, 0);
  if (expected >= 1) return { kappa: null, observed: round4(observed), expected: round4(expected) };
  return { kappa: round4((observed - expected) / (1 - expected)), observed: round4(observed), expected: round4(expected) };
}
