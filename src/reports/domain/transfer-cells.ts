import type { EvaluatedTransfer } from '../../legality/domain/verdicts-at-cut.js';
import type { ReportRow } from './report-table.js';

/** The columns every transfer row of a report has: the transfer as known at the cut and its verdict then. */
export const TRANSFER_COLUMNS = [
  'transferId',
  'companyId',
  'date',
  'occurredAt',
  'field',
  'category',
  'destination',
  'personalInfoSubjects',
  'sensitivePersonalInfoSubjects',
  'importantData',
  'purpose',
  'recordedAtPosition',
  'legal',
  'requirement',
  'classification',
  'satisfiedBy',
  'cumulativePersonalInfoSubjects',
  'cumulativeSensitivePersonalInfoSubjects',
] as const;

/** A transfer's cells (see {@link TRANSFER_COLUMNS}). */
export function transferCells({ transferId, transfer: t, position, verdict: v }: EvaluatedTransfer): ReportRow {
  return {
    transferId,
    companyId: t.companyId,
    date: t.date,
    occurredAt: t.occurredAt,
    field: t.field,
    category: t.category,
    destination: t.destination,
    personalInfoSubjects: t.personalInfoSubjects,
    sensitivePersonalInfoSubjects: t.sensitivePersonalInfoSubjects,
    importantData: t.importantData,
    purpose: t.purpose,
    recordedAtPosition: String(position),
    legal: v.legal,
    requirement: v.requirement,
    classification: v.classification,
    satisfiedBy: v.satisfiedBy,
    cumulativePersonalInfoSubjects: v.cumulative.personalInfoSubjects,
    cumulativeSensitivePersonalInfoSubjects: v.cumulative.sensitivePersonalInfoSubjects,
  };
}

/** Running totals of transfers and their people counts. */
export class Tally {
  transfers = 0;
  personalInfoSubjects = 0;
  sensitivePersonalInfoSubjects = 0;
  add(personal: number, sensitive: number): void {
    this.transfers++;
    this.personalInfoSubjects += personal;
    this.sensitivePersonalInfoSubjects += sensitive;
  }
  cells(): ReportRow {
    return { transfers: this.transfers, personalInfoSubjects: this.personalInfoSubjects, sensitivePersonalInfoSubjects: this.sensitivePersonalInfoSubjects };
  }
}

/** Tallies by a key, listed in key order. */
export class Tallies {
  private readonly byKey = new Map<string, Tally>();
  add(key: string, personal: number, sensitive: number): void {
    let tally = this.byKey.get(key);
    if (!tally) this.byKey.set(key, (tally = new Tally()));
    tally.add(personal, sensitive);
  }
  /** In key order (the keys' own order when `order` lists them, else by text). */
  entries(order?: readonly string[]): [string, Tally][] {
    const rank = (key: string) => (order ? order.indexOf(key) : -1);
    return [...this.byKey].sort(([a], [b]) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
  }
}
