import type { Finding, FindingKind } from './detect.js';

/** One sentence of the labelled set (test/privacy/labelled.yaml). */
export interface LabelledEntry {
  text: string;
  identifying: boolean;
  /** The kind an identifying text should be found as. */
  kind?: FindingKind;
}

export interface GuardScore {
  positives: number;
  negatives: number;
  /** Identifying texts found as their kind. */
  found: number;
  /** Plain texts with any finding. */
  falseAlarms: number;
  /** found / positives, and falseAlarms / negatives. */
  recall: number;
  falseAlarmRate: number;
  byKind: Partial<Record<FindingKind, { positives: number; found: number }>>;
  missed: LabelledEntry[];
  alarms: { entry: LabelledEntry; findings: Finding[] }[];
}

/**
 * How the guard does on a labelled set: an identifying text counts as found when a finding of its
 * kind is reported (any finding when it has no kind); a plain text with any finding is a false alarm.
 * Used by test/privacy/labelled.test.ts and `npm run bench -- --privacy`.
 */
export function scoreLabelled(entries: readonly LabelledEntry[], detect: (text: string) => Finding[]): GuardScore {
  const score: GuardScore = { positives: 0, negatives: 0, found: 0, falseAlarms: 0, recall: 0, falseAlarmRate: 0, byKind: {}, missed: [], alarms: [] };
  for (const entry of entries) {
    const findings = detect(entry.text);
    if (entry.identifying) {
      score.positives++;
      const hit = findings.some((f) => entry.kind === undefined || f.kind === entry.kind);
      if (hit) score.found++;
      else score.missed.push(entry);
      if (entry.kind) {
        const kind = (score.byKind[entry.kind] ??= { positives: 0, found: 0 });
        kind.positives++;
        if (hit) kind.found++;
      }
    } else {
      score.negatives++;
      if (findings.length > 0) {
        score.falseAlarms++;
        score.alarms.push({ entry, findings });
      }
    }
  }
  score.recall = score.positives ? score.found / score.positives : 1;
  score.falseAlarmRate = score.negatives ? score.falseAlarms / score.negatives : 0;
  return score;
}
