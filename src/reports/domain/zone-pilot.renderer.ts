import { evaluate } from '../../legality/domain/legality.evaluator.js';
import { dataListInForce, listedEntry, registrationIn, type DataListState } from '../../legality/domain/policy-facts.js';
import { PolicyView } from '../../legality/domain/policy-history.js';
import { VerdictsAtCut } from '../../legality/domain/verdicts-at-cut.js';
import type { DataEntry } from '../../policy/domain/policy.events.js';
import type { CalendarDate } from '../../common/time.js';
import { POLICY_EVENT_COLUMNS, policyEventCells } from './policy-effect.js';
import type { ReportSource } from './report-source.js';
import type { ReportTable } from './report-table.js';
import { Tallies } from './transfer-cells.js';

export interface ZonePilotParameters {
  readonly listId: string;
  readonly from: CalendarDate;
  readonly to: CalendarDate;
}

const entryText = (e: DataEntry): string => (e.category === undefined ? e.field : `${e.field}/${e.category}`);

/** The general data list `listId` as known at the cut, or undefined (report.parameters.ts refuses such a request). */
export function generalListAt(source: ReportSource, cut: bigint, listId: string): DataListState | undefined {
  return source.policy.viewAt(cut).dataLists.find((list) => list.id === listId && list.content.kind === 'general');
}

/**
 * `zone-pilot` (docs/api.md §14), the evidence for expanding, renewing or ending a pilot list:
 * - `term`: the list as known at the cut (zones, start, term end), and `change`: each of its
 *   events up to the cut, in record order, in words;
 * - `lifted`: each transfer dated `from` through `to`, by a company registered that day in one of
 *   the list's zones, that an entry of the list covered and that would have needed a security
 *   assessment without the list (the same evaluator, at the same cut, on the policy without it),
 *   with its people counts; `lifted-total`: per entry and company, how many and their counts;
 * - `uncovered`: such companies' transfers in the list's fields that it did not cover that day
 *   (category not on it, or the list not in force), with the verdict and why.
 */
export function zonePilotReport(source: ReportSource, cut: bigint, p: ZonePilotParameters): ReportTable {
  const view = source.policy.viewAt(cut);
  const list = generalListAt(source, cut, p.listId);
  const verdicts = new VerdictsAtCut(source.transfers, view, cut);
  const withoutList = new PolicyView(view.facts.filter((fact) => !(fact.kind === 'data-list' && fact.id === p.listId)));
  const zones = list?.content.zones ?? [];
  const fields = new Set([...(list?.content.entries ?? []), ...(list?.changes ?? []).flatMap((change) => change.entries)].map((entry) => entry.field));
  const companies = source.transfers.counts.companyIds().filter((companyId) => view.company(companyId)?.registrations.some((r) => zones.includes(r.zoneId)));
  return {
    columns: [
      'section', 'listId', 'title', 'zones', ...POLICY_EVENT_COLUMNS,
      'companyId', 'transferId', 'date', 'field', 'category', 'destination', 'personalInfoSubjects', 'sensitivePersonalInfoSubjects',
      'entry', 'requirement', 'legal', 'requirementWithoutList', 'legalWithoutList', 'reason', 'transfers',
    ],
    steps: companies.reduce((sum, companyId) => sum + verdicts.countDated(companyId, p.from, p.to), 0),
    *rows(progress) {
      if (!list) return;
      yield { section: 'term', listId: list.id, title: list.content.title, zones: list.content.zones, effectiveFrom: list.content.effectiveFrom, effectiveUntil: list.termUntil };
      for (const event of source.policy.eventsBetween(-1n, cut)) {
        if ((event.event.data as { listId?: string }).listId !== list.id || !event.event.type.startsWith('DataList')) continue;
        yield { section: 'change', listId: list.id, ...policyEventCells(event, source.log.recordedAtOf(event.position)) };
      }
      const lifted = new Tallies();
      let done = 0;
      for (const companyId of companies) {
        const company = view.company(companyId);
        for (const e of verdicts.sweep(companyId, p.from, p.to, () => progress?.(++done))) {
          const { transfer: t, verdict: v } = e;
          if (!fields.has(t.field) || !registrationIn(company, zones, t.date)) continue;
          const transfer = { companyId, transferId: e.transferId, date: t.date, field: t.field, category: t.category, destination: t.destination, personalInfoSubjects: t.personalInfoSubjects, sensitivePersonalInfoSubjects: t.sensitivePersonalInfoSubjects, requirement: v.requirement, legal: v.legal };
          const inForce = dataListInForce(list, t.date);
          const entry = inForce ? listedEntry(list, t.field, t.category, t.date) : undefined;
          if (!entry) {
            const reason = inForce ? `${t.field}/${t.category} is not on ${list.id} on ${t.date}` : `${list.id} is not in force on ${t.date}`;
            yield { section: 'uncovered', ...transfer, reason };
            continue;
          }
          const without = evaluate({ policy: withoutList, transfer: t, countsBefore: e.countsBefore, cut });
          if (without.requirement !== 'security-assessment' || v.requirement === 'security-assessment') continue;
          lifted.add(`${entryText(entry.entry)}\u0000${companyId}`, t.personalInfoSubjects, t.sensitivePersonalInfoSubjects);
          yield { section: 'lifted', ...transfer, entry: entryText(entry.entry), requirementWithoutList: without.requirement, legalWithoutList: without.legal };
        }
      }
      for (const [key, tally] of lifted.entries()) {
        const [entry, companyId] = key.split('\u0000');
        yield { section: 'lifted-total', listId: list.id, entry, companyId, ...tally.cells() };
      }
    },
  };
}
