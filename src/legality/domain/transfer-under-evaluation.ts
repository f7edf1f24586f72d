import type { Purpose } from '../../common/terms.js';
import { instantToEpochMs, shanghaiDateOf, type CalendarDate } from '../../common/time.js';

/** A transfer as the evaluator sees it (a declaration with defaults applied and its Shanghai date). */
export interface TransferUnderEvaluation {
  /** Absent for hypothetical transfers. */
  readonly transferId?: string;
  readonly companyId: string;
  readonly field: string;
  readonly category: string;
  /** ISO 3166-1 alpha-2, upper case. */
  readonly destination: string;
  /** Valid time: when the data left, an ISO 8601 instant with offset. */
  readonly occurredAt: string;
  /** Valid time: the Shanghai calendar date of `occurredAt` (docs/domain.md §2). */
  readonly date: CalendarDate;
  readonly personalInfoSubjects: number;
  readonly sensitivePersonalInfoSubjects: number;
  readonly importantData: boolean;
  readonly purpose: Purpose;
}

/** A declaration as a body gives it: the counts, `importantData` and `purpose` may be left out. */
export type DeclaredTransfer = Omit<TransferUnderEvaluation, 'date' | 'personalInfoSubjects' | 'sensitivePersonalInfoSubjects' | 'importantData' | 'purpose'> &
  Partial<Pick<TransferUnderEvaluation, 'personalInfoSubjects' | 'sensitivePersonalInfoSubjects' | 'importantData' | 'purpose'>>;

/** Applies docs/api.md's defaults (0, 0, false, `ordinary`) and derives the Shanghai date of `occurredAt`. */
export function toTransferUnderEvaluation(declared: DeclaredTransfer): TransferUnderEvaluation {
  const transfer: TransferUnderEvaluation = {
    companyId: declared.companyId,
    field: declared.field,
    category: declared.category,
    destination: declared.destination,
    occurredAt: declared.occurredAt,
    date: shanghaiDateOf(instantToEpochMs(declared.occurredAt)),
    personalInfoSubjects: declared.personalInfoSubjects ?? 0,
    sensitivePersonalInfoSubjects: declared.sensitivePersonalInfoSubjects ?? 0,
    importantData: declared.importantData ?? false,
    purpose: declared.purpose ?? 'ordinary',
  };
  // A conditional spread here cost ten times the rest of the function (V8), so: a plain copy.
  return declared.transferId === undefined ? transfer : Object.assign({ transferId: declared.transferId }, transfer);
}
