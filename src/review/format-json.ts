import type { FailReason } from './fail-on.js';
import type { ReviewReport } from './model.js';

/**
 * The report as one JSON document (docs/review-json.md). Everything in the report is already in a
 * fixed order and holds no time of "now", so the same records give the same bytes.
 */
export function formatJson(report: ReviewReport, failOn?: { conditions: string[]; met: FailReason[] }): string {
  return JSON.stringify(failOn ? { ...report, fail_on: failOn } : report, null, 2) + '\n';
}
