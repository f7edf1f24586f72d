import type { TransferUnderEvaluation } from '../../legality/domain/transfer-under-evaluation.js';
import type { Verdict } from '../../legality/domain/verdict.js';
import { VerdictsAtCut } from '../../legality/domain/verdicts-at-cut.js';
import type { InstrumentKind } from '../../common/terms.js';
import type { CalendarDate } from '../../common/time.js';
import type { ReportSource } from './report-source.js';
import type { ReportRow, ReportTable } from './report-table.js';
import { Tallies, Tally, TRANSFER_COLUMNS, transferCells } from './transfer-cells.js';

export interface IllegalTransfersParameters {
  readonly from: CalendarDate;
  readonly to: CalendarDate;
  readonly companyId?: string;
}

/** docs/domain.md §4 step 5: which instrument kinds would satisfy a requirement. */
const SATISFYING_KINDS: Readonly<Record<string, readonly InstrumentKind[]>> = {
  'security-assessment': ['security-assessment'],
  'standard-contract': ['standard-contract', 'certification', 'security-assessment'],
};

/** What an illegal transfer lacked: the instrument kinds that would satisfy its requirement and the scope one must cover. */
export function lacking(t: TransferUnderEvaluation, v: Verdict): ReportRow {
  const kinds = SATISFYING_KINDS[v.requirement];
  if (!kinds) return { lacking: 'nothing can make it legal: core data may not be exported', acceptedKinds: [] };
  return {
    lacking: `${kinds.join(' or ')} of ${t.companyId} in force on ${t.date} covering ${t.field}/${t.category} (or the whole field, or all data) to ${t.destination} (or every destination)`,
    acceptedKinds: kinds,
    scopeField: t.field,
    scopeCategory: t.category,
    scopeDestination: t.destination,
  };
}

/**
 * `illegal-transfers` (docs/api.md §14): every transfer dated `from` through `to` that is illegal
 * as known at the cut, by company (id order) and then in each company's order, with what it
 * lacked; then per company, and in all, how many and their people counts (section `total`).
 */
export function illegalTransfersReport(source: ReportSource, cut: bigint, p: IllegalTransfersParameters): ReportTable {
  const verdicts = new VerdictsAtCut(source.transfers, source.policy.viewAt(cut), cut);
  const companies = p.companyId === undefined ? source.transfers.counts.companyIds() : [p.companyId];
  return {
    columns: ['section', ...TRANSFER_COLUMNS, 'explanation', 'lacking', 'acceptedKinds', 'scopeField', 'scopeCategory', 'scopeDestination', 'transfers'],
    steps: companies.reduce((sum, companyId) => sum + verdicts.countDated(companyId, p.from, p.to), 0),
    *rows(progress) {
      const byCompany = new Tallies();
      const all = new Tally();
      let done = 0;
      for (const companyId of companies) {
        for (const evaluated of verdicts.sweep(companyId, p.from, p.to, () => progress?.(++done))) {
          const { transfer: t, verdict: v } = evaluated;
          if (v.legal) continue;
          byCompany.add(companyId, t.personalInfoSubjects, t.sensitivePersonalInfoSubjects);
          all.add(t.personalInfoSubjects, t.sensitivePersonalInfoSubjects);
          yield { section: 'transfer', ...transferCells(evaluated), explanation: v.explanation, ...lacking(t, v) };
        }
      }
      for (const [companyId, tally] of byCompany.entries()) yield { section: 'total', companyId, ...tally.cells() };
      yield { section: 'total', companyId: 'all', ...all.cells() };
    },
  };
}
