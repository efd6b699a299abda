import { LeertuinError } from '../errors.js';
import { language, t } from '../i18n/index.js';
import { STATUSES } from '../verify/verify.js';
import { decimal } from './format-shared.js';
import type { ReviewReport } from './model.js';

/**
 * What `--fail-on` can test, for scripts: `invalid` (any record not ok, unsigned and untrusted
 * included), `untrusted`, `deviation` (a professional decided otherwise than the outcome),
 * `afspraak` (a record departs from the afspraak), `agreement<X` (Fleiss' kappa below X in any
 * group where it is defined).
 */
export type FailCondition =
  | { kind: 'invalid' | 'untrusted' | 'deviation' | 'afspraak'; text: string }
  | { kind: 'agreement'; below: number; text: string };

export interface FailReason {
  condition: string;
  reason: string;
}

const SIMPLE = ['invalid', 'untrusted', 'deviation', 'afspraak'] as const;

/** Conditions from repeated and comma-separated `--fail-on` values; an unknown one is a usage error. */
export function parseFailOn(values: readonly string[]): FailCondition[] {
  const conditions: FailCondition[] = [];
  // A comma between digits is the decimal comma the Dutch report prints (`agreement<0,8`), not a list.
  for (const value of values.flatMap((v) => v.split(/,(?!\d)/))) {
    const text = value.trim().replace(/\s+/g, '').replace(/^(agreement<-?\d*),(\d+)$/, '$1.$2');
    if (text === '') continue;
    const simple = SIMPLE.find((kind) => kind === text);
    const threshold = /^agreement<(-?(?:\d+(?:\.\d*)?|\.\d+))$/.exec(text)?.[1];
    if (simple) conditions.push({ kind: simple, text });
    else if (threshold !== undefined && Math.abs(Number(threshold)) <= 1) conditions.push({ kind: 'agreement', below: Number(threshold), text });
    else throw new LeertuinError('bad-fail-on', t('review.failOnUnknown', { value: value.trim() }), { hint: t('review.failOnHint') });
  }
  return conditions.filter((c, i) => conditions.findIndex((d) => d.text === c.text) === i);
}

/** The conditions the report meets, each with a one-line reason. */
export function checkFailOn(report: ReviewReport, conditions: readonly FailCondition[]): FailReason[] {
  const lang = language();
  const reasons: FailReason[] = [];
  const met = (condition: FailCondition, reason: string) => reasons.push({ condition: condition.text, reason });
  const counts = report.totals.by_status;
  for (const condition of conditions) {
    switch (condition.kind) {
      case 'invalid': {
        const notOk = STATUSES.filter((s) => s !== 'ok' && counts[s] > 0);
        const count = notOk.reduce((sum, s) => sum + counts[s], 0);
        if (count > 0) met(condition, t('review.failInvalid', { count, summary: notOk.map((s) => `${counts[s]} ${s}`).join(', ') }));
        break;
      }
      case 'untrusted':
        if (counts.untrusted > 0) met(condition, t('review.failUntrusted', { count: counts.untrusted }));
        break;
      case 'deviation': {
        const count = report.groups.reduce((sum, g) => sum + g.deviations.count, 0);
        if (count > 0) met(condition, t('review.failDeviation', { count }));
        break;
      }
      case 'afspraak': {
        const count = report.groups.reduce((sum, g) => sum + (g.afspraak?.departing ?? 0), 0);
        if (count > 0) met(condition, t('review.failAfspraak', { count }));
        break;
      }
      case 'agreement':
        for (const group of report.groups) {
          const kappa = group.agreement.kappa;
          if (kappa !== null && kappa < condition.below) {
            met(condition, t('review.failAgreement', { kappa: decimal(kappa, lang), threshold: decimal(condition.below, lang), dilemma: group.dilemma.id }));
          }
        }
        break;
    }
  }
  return reasons;
}
