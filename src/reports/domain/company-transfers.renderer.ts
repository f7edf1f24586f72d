import { REQUIREMENTS } from '../../common/terms.js';
import type { CalendarDate } from '../../common/time.js';
import { VerdictsAtCut } from '../../legality/domain/verdicts-at-cut.js';
import type { ReportSource } from './report-source.js';
import type { ReportRow, ReportTable } from './report-table.js';
import { Tallies, Tally, TRANSFER_COLUMNS, transferCells } from './transfer-cells.js';

export interface CompanyTransfersParameters {
  readonly companyId: string;
  readonly from: CalendarDate;
  readonly to: CalendarDate;
}

/**
 * `company-transfers` (docs/api.md §14): a company's transfers dated `from` through `to`, each as
 * known at the cut with its verdict then (cumulative counts, satisfying instruments) and whether
 * that differs from the verdict recorded; then totals by requirement and legality (section
 * `total`, one row per pair met, and `all`).
 */
export function companyTransfersReport(source: ReportSource, cut: bigint, p: CompanyTransfersParameters): ReportTable {
  const verdicts = new VerdictsAtCut(source.transfers, source.policy.viewAt(cut), cut);
  return {
    columns: ['section', ...TRANSFER_COLUMNS, 'changed', 'transfers'],
    steps: verdicts.countDated(p.companyId, p.from, p.to),
    *rows(progress) {
      const byOutcome = new Tallies();
      const all = new Tally();
      let done = 0;
      for (const evaluated of verdicts.sweep(p.companyId, p.from, p.to, () => progress?.(++done))) {
        const { transfer: t, verdict: v } = evaluated;
        byOutcome.add(`${v.requirement} ${v.legal}`, t.personalInfoSubjects, t.sensitivePersonalInfoSubjects);
        all.add(t.personalInfoSubjects, t.sensitivePersonalInfoSubjects);
        yield { section: 'transfer', ...transferCells(evaluated), changed: source.transfers.changedSince(evaluated.ordinal, v) };
      }
      const order = REQUIREMENTS.flatMap((r) => [`${r} false`, `${r} true`]);
      for (const [key, tally] of byOutcome.entries(order)) {
        const [requirement, legal] = key.split(' ');
        yield { section: 'total', companyId: p.companyId, requirement, legal: legal === 'true', ...tally.cells() } satisfies ReportRow;
      }
      yield { section: 'total', companyId: p.companyId, requirement: 'all', ...all.cells() };
    },
  };
}
