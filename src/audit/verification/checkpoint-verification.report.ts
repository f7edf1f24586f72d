import type { CheckpointVerification, LogProblemKind } from './checkpoint-verification.js';

/** What `npm run verify -- --checkpoint` found, positions as decimal strings. */
export interface CheckpointVerificationReport {
  readonly ok: boolean;
  readonly checkpoint: { readonly treeSize: number; readonly rootHash: string; readonly position: string };
  readonly eventsChecked: number;
  readonly streams: number;
  /** The last position of the log (null for an empty log or when the log was not read). */
  readonly headPosition: string | null;
  readonly sealsChecked: number;
  readonly sealsVerified: number;
  readonly problem?: {
    readonly kind: LogProblemKind;
    readonly detail: string;
    /** The first bad position, when the log shows it exactly. */
    readonly position?: string;
    /** Otherwise: it lies after `after` and at or before `atOrBefore`. */
    readonly after?: string;
    readonly atOrBefore?: string;
  };
}

/** `{name: "12"}` for a position, nothing when there is none. */
const decimal = (name: string, position: bigint | undefined): Record<string, string> => (position === undefined ? {} : { [name]: position.toString(10) });

export function checkpointVerificationReport(verification: CheckpointVerification): CheckpointVerificationReport {
  const { ok, checkpoint, chains, seals, problem } = verification;
  const report = {
    ok,
    checkpoint: { treeSize: checkpoint.treeSize, rootHash: checkpoint.rootHash, position: checkpoint.position },
    eventsChecked: chains?.eventsChecked ?? 0,
    streams: chains?.streams ?? 0,
    headPosition: chains?.headPosition === undefined ? null : chains.headPosition.toString(10),
    sealsChecked: seals.checked,
    sealsVerified: seals.verified,
  };
  if (!problem) return report;
  const { kind, detail, position, after, atOrBefore } = problem;
  return {
    ...report,
    problem: {
      kind,
      detail,
      ...decimal('position', position),
      ...decimal('after', after),
      ...decimal('atOrBefore', atOrBefore),
    },
  };
}

/** Lines for people: what was checked, and the first problem with where it lies. */
export function describeCheckpointVerification(report: CheckpointVerificationReport): string {
  const { checkpoint, problem } = report;
  const against = `checkpoint of ${checkpoint.treeSize} events up to position ${checkpoint.position} (root ${checkpoint.rootHash.slice(0, 16)}…)`;
  const read = `${report.eventsChecked} events in ${report.streams} streams up to position ${report.headPosition ?? '(empty log)'}, ${report.sealsVerified} of ${report.sealsChecked} seals of the log verified`;
  if (!problem) return `the log extends the ${against}: signature verified, hash chains verified, ${read}`;
  const where =
    problem.position !== undefined
      ? `first bad position: ${problem.position}`
      : `first bad position: after ${problem.after} and at or before ${problem.atOrBefore}`;
  return `checkpoint verification FAILED against the ${against}: ${problem.kind}: ${problem.detail}${problem.kind === 'signature' ? '' : `; ${where}`}${report.eventsChecked > 0 ? ` (read ${read})` : ''}`;
}
