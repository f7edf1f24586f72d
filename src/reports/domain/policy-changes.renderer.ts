import type { ReportSource } from './report-source.js';
import type { ReportTable } from './report-table.js';
import { POLICY_EVENT_COLUMNS, policyEventCells } from './policy-effect.js';

export interface PolicyChangesParameters {
  /** Epoch ms, inclusive; absent: unbounded. */
  readonly recordedFromMs?: number;
  readonly recordedToMs?: number;
}

/**
 * `policy-changes` (docs/api.md §14): the policy events recorded at or before the cut whose own
 * `recordedAt` lies in the period, in record order, each with its valid-time effect in words and
 * its data. Each event's own record time decides, never an index that later events could move,
 * so the rows depend on the log up to the cut only.
 */
export function policyChangesReport(source: ReportSource, cut: bigint, p: PolicyChangesParameters): ReportTable {
  const events = source.policy.eventsBetween(-1n, cut);
  return {
    columns: ['section', ...POLICY_EVENT_COLUMNS],
    steps: events.length,
    *rows(progress) {
      let done = 0;
      for (const event of events) {
        progress?.(++done);
        const recordedAt = source.log.recordedAtOf(event.position);
        if (recordedAt === undefined) continue;
        if (p.recordedFromMs !== undefined && recordedAt < p.recordedFromMs) continue;
        if (p.recordedToMs !== undefined && recordedAt > p.recordedToMs) continue;
        yield { section: 'change', ...policyEventCells(event, recordedAt) };
      }
    },
  };
}
