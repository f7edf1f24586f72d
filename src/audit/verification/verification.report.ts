import type { ChainProblemKind, ChainVerification } from '../../event-store/chain-verification.js';

/** The first bad event in log order, positions and revisions as decimal strings. */
export interface ChainProblemReport {
  readonly stream: string;
  readonly revision: string;
  readonly eventId: string;
  readonly position: string;
  readonly problem: ChainProblemKind;
  readonly detail: string;
}

/** The answer of `GET /v1/audit/verification` and what `cli.ts verify` prints. */
export interface VerificationReport {
  readonly ok: boolean;
  readonly streams: number;
  readonly eventsChecked: number;
  /** The last position checked; null for an empty log. */
  readonly headPosition: string | null;
  readonly firstProblem?: ChainProblemReport;
  /**
   * Recordings of a transfer id recorded before them in the log (two companies racing on two
   * instances of a store that checks event ids per stream): kept in the log, ignored by every
   * read (docs/design.md "Writing"). Given by `GET /v1/audit/verification` when there are any.
   */
  readonly ignoredRecordings?: readonly IgnoredRecordingReport[];
}

export interface IgnoredRecordingReport {
  readonly transferId: string;
  readonly stream: string;
  readonly position: string;
}

/** verifyChains' result at the edge: bigints as decimal strings (docs/api.md). */
export function verificationReport(verification: ChainVerification): VerificationReport {
  const { ok, streams, eventsChecked, headPosition, firstProblem } = verification;
  const report = { ok, streams, eventsChecked, headPosition: headPosition === undefined ? null : headPosition.toString(10) };
  if (!firstProblem) return report;
  return { ...report, firstProblem: { ...firstProblem, revision: firstProblem.revision.toString(10), position: firstProblem.position.toString(10) } };
}

/** One line for people: what was checked, and the first problem if there is one. */
export function describeVerification(report: VerificationReport): string {
  const checked = `${report.eventsChecked} events in ${report.streams} streams up to position ${report.headPosition ?? '(empty log)'}`;
  const problem = report.firstProblem;
  if (!problem) return `chains verified: ${checked}`;
  return (
    `chain verification FAILED (${checked}): ${problem.problem} problem at event ${problem.eventId} ` +
    `(stream ${problem.stream}, revision ${problem.revision}, position ${problem.position}): ${problem.detail}`
  );
}
