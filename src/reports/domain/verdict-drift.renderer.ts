import { factKeyOf } from '../../legality/domain/policy-facts.js';
import type { PolicyEventAt } from '../../legality/domain/policy-history.js';
import { epochDay } from '../../legality/domain/transfer-counts.js';
import type { Verdict } from '../../legality/domain/verdict.js';
import { VerdictsAtCut, type EvaluatedTransfer } from '../../legality/domain/verdicts-at-cut.js';
import { compareVerdicts } from '../../transfers/domain/verdict-comparison.js';
import { startOfYear } from '../../common/time.js';
import { policyEffect } from './policy-effect.js';
import type { ReportSource } from './report-source.js';
import type { ReportRow, ReportTable } from './report-table.js';

export interface VerdictDriftParameters {
  readonly fromPosition: bigint;
  /** The report's cut. */
  readonly toPosition: bigint;
  readonly companyId?: string;
}

/** Counts-moving events listed per drifted transfer at most (the rest are counted). */
const MAX_COUNT_CAUSES = 20;

const aspectCells = (suffix: 'AtFrom' | 'AtTo', v: Verdict): ReportRow => ({
  [`legal${suffix}`]: v.legal,
  [`requirement${suffix}`]: v.requirement,
  [`classification${suffix}`]: v.classification,
  [`satisfiedBy${suffix}`]: v.satisfiedBy,
  [`cumulativePersonalInfoSubjects${suffix}`]: v.cumulative.personalInfoSubjects,
  [`cumulativeSensitivePersonalInfoSubjects${suffix}`]: v.cumulative.sensitivePersonalInfoSubjects,
});

const ASPECT_COLUMNS = ['legal', 'requirement', 'classification', 'satisfiedBy', 'cumulativePersonalInfoSubjects', 'cumulativeSensitivePersonalInfoSubjects'];

/**
 * `verdict-drift` (docs/api.md §14): between the cuts `fromPosition` and `toPosition` (say before
 * and after a retroactive amendment or a back-fill), every transfer known at both whose verdict
 * differs (`legal`, `requirement`, `classification` or `satisfiedBy`, as `changed` compares
 * them), with both verdicts (`drift`), and after each the events recorded between the cuts that
 * caused it (`cause`): the policy events of the facts either verdict cites, the transfer's own
 * corrections, and, when its cumulative counts moved, the company's transfers and corrections
 * recorded in between that come before it in its counting window. Then `total`.
 */
export function verdictDriftReport(source: ReportSource, p: VerdictDriftParameters): ReportTable {
  const { transfers } = source;
  const at = (cut: bigint) => new VerdictsAtCut(transfers, source.policy.viewAt(cut), cut);
  const before = at(p.fromPosition);
  const after = at(p.toPosition);
  const from = Number(p.fromPosition);
  const to = Number(p.toPosition);
  const between = (position: number) => position > from && position <= to;
  const policyBetween = new Map<string, PolicyEventAt[]>();
  for (const event of source.policy.eventsBetween(p.fromPosition, p.toPosition)) {
    const factId = factKeyOf(event.event).split(/:(.*)/s)[1];
    policyBetween.set(factId, [...(policyBetween.get(factId) ?? []), event]);
  }
  const companies = p.companyId === undefined ? transfers.counts.companyIds() : [p.companyId];

  /** The events between the cuts that moved this transfer's verdict. */
  function* causes(then: EvaluatedTransfer, now: EvaluatedTransfer): Generator<ReportRow> {
    const base = { companyId: now.transfer.companyId, transferId: now.transferId };
    const cited = new Set([...then.verdict.basis, ...now.verdict.basis].map((c) => c.factId));
    const policy = [...cited].flatMap((factId) => policyBetween.get(factId) ?? []).sort((a, b) => (a.position < b.position ? -1 : 1));
    for (const event of policy) {
      yield { section: 'cause', ...base, position: event.position.toString(10), eventId: event.eventId, type: event.event.type, factId: factKeyOf(event.event).split(/:(.*)/s)[1], effect: policyEffect(event.event) };
    }
    for (const correction of transfers.correctionsOf(now.ordinal)) {
      if (!between(correction.position)) continue;
      yield { section: 'cause', ...base, position: String(correction.position), type: 'TransferCorrected', factId: now.transferId, effect: `correction of ${now.transferId}: ${describe(correction.changes)}` };
    }
    const { cumulative: c0 } = then.verdict;
    const { cumulative: c1 } = now.verdict;
    if (c0.personalInfoSubjects === c1.personalInfoSubjects && c0.sensitivePersonalInfoSubjects === c1.sensitivePersonalInfoSubjects) return;
    const order = transfers.counts.companyOrder(now.transfer.companyId);
    if (!order) return;
    const key = transfers.counts.keyOf(now.ordinal);
    const end = order.lowerBound(epochDay(key.date), key.occurredAtMs, key.position);
    let listed = 0;
    let more = 0;
    for (let i = order.firstOnOrAfter(epochDay(startOfYear(key.date, 1))); i < end; i++) {
      const ordinal = order.ordinal.array[i];
      const id = transfers.idOf(ordinal);
      const moved: ReportRow[] = [];
      if (between(order.position.array[i])) {
        moved.push({ position: String(order.position.array[i]), type: 'TransferRecorded', factId: id, effect: `${id} of ${transfers.counts.keyOf(ordinal).date} recorded between the cuts, counted before ${now.transferId}` });
      }
      for (const correction of transfers.correctionsOf(ordinal)) {
        if (between(correction.position) && order.position.array[i] <= to) moved.push({ position: String(correction.position), type: 'TransferCorrected', factId: id, effect: `correction of ${id}, counted before ${now.transferId}: ${describe(correction.changes)}` });
      }
      for (const row of moved) {
        if (listed < MAX_COUNT_CAUSES) {
          listed++;
          yield { section: 'cause', ...base, ...row };
        } else more++;
      }
    }
    if (more > 0) yield { section: 'cause', ...base, type: 'more', effect: `and ${more} more transfers or corrections of ${now.transferId}'s company recorded between the cuts and counted before it` };
  }

  return {
    columns: ['section', 'companyId', 'transferId', 'date', 'field', 'category', 'aspects', ...ASPECT_COLUMNS.flatMap((c) => [`${c}AtFrom`, `${c}AtTo`]), 'position', 'eventId', 'type', 'factId', 'effect', 'fromPosition', 'toPosition', 'transfersCompared', 'transfersChanged', 'transfersRecordedBetween'],
    steps: companies.reduce((sum, companyId) => sum + after.countDated(companyId), 0),
    *rows(progress) {
      let compared = 0;
      let changed = 0;
      let recordedBetween = 0;
      let done = 0;
      for (const companyId of companies) {
        const thenSweep = before.sweep(companyId)[Symbol.iterator]();
        let then = thenSweep.next();
        for (const now of after.sweep(companyId, undefined, undefined, () => progress?.(++done))) {
          if (then.done || then.value.ordinal !== now.ordinal) {
            recordedBetween++; // not known at fromPosition: no verdict to drift from
            continue;
          }
          const old = then.value;
          then = thenSweep.next();
          compared++;
          const { differences } = compareVerdicts(old.verdict, now.verdict);
          if (differences.length === 0) continue;
          changed++;
          const t = now.transfer;
          yield { section: 'drift', companyId, transferId: now.transferId, date: t.date, field: t.field, category: t.category, aspects: differences.map((d) => d.aspect), ...aspectCells('AtFrom', old.verdict), ...aspectCells('AtTo', now.verdict) };
          yield* causes(old, now);
        }
      }
      yield { section: 'total', fromPosition: p.fromPosition.toString(10), toPosition: p.toPosition.toString(10), transfersCompared: compared, transfersChanged: changed, transfersRecordedBetween: recordedBetween };
    },
  };
}

const describe = (changes: object): string =>
  Object.entries(changes)
    .map(([name, value]) => `${name} ${String(value)}`)
    .join(', ');
