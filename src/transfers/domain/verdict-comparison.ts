import type { BasisCitation, Verdict } from '../../legality/domain/verdict.js';
import type { CorrectionState } from './transfer.state.js';

/** The parts of a verdict whose change makes it "changed" (docs/api.md: transfers legality). */
export type VerdictAspect = 'legal' | 'requirement' | 'classification' | 'satisfiedBy';
export const VERDICT_ASPECTS: readonly VerdictAspect[] = ['legal', 'requirement', 'classification', 'satisfiedBy'];

/** One aspect on which the recomputed verdict differs from the recorded one, and why. */
export interface VerdictDifference {
  readonly aspect: VerdictAspect;
  readonly recorded: boolean | string | readonly string[];
  readonly recomputed: boolean | string | readonly string[];
  /** What the ledger learned between the two answers that explains it, in words. */
  readonly why: string;
}

/** A correction of the transfer itself, with the position at which it was recorded. */
export interface CorrectionEvidence extends CorrectionState {
  readonly position: bigint;
}

export interface VerdictComparison {
  readonly changed: boolean;
  readonly differences: readonly VerdictDifference[];
}

const citationKey = (c: BasisCitation): string => `${c.factId} ${c.eventId} ${c.effect}`;
const sameList = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && [...a].sort().every((id, i) => id === [...b].sort()[i]);
const sameAspect = (aspect: VerdictAspect, a: Verdict, b: Verdict): boolean =>
  aspect === 'satisfiedBy' ? sameList(a.satisfiedBy, b.satisfiedBy) : a[aspect] === b[aspect];

/** Why the answers differ: the transfer's own corrections, changed cumulative counts, facts cited or no longer cited. */
function evidence(recorded: Verdict, recomputed: Verdict, corrections: readonly CorrectionEvidence[]): string {
  const lines: string[] = corrections.map(
    (c) => `correction ${c.correctionId} at position ${c.position} set ${Object.entries(c.changes).map(([k, v]) => `${k} ${String(v)}`).join(', ')}`,
  );
  for (const metric of ['personalInfoSubjects', 'sensitivePersonalInfoSubjects'] as const) {
    const [then, now] = [recorded.cumulative[metric], recomputed.cumulative[metric]];
    if (then !== now) lines.push(`cumulative ${metric} ${then} → ${now}`);
  }
  const thenKeys = new Set(recorded.basis.map(citationKey));
  const nowKeys = new Set(recomputed.basis.map(citationKey));
  for (const c of recomputed.basis) if (!thenKeys.has(citationKey(c))) lines.push(`now cited: ${c.effect} (position ${c.position})`);
  for (const c of recorded.basis) if (!nowKeys.has(citationKey(c))) lines.push(`no longer cited: ${c.effect}`);
  return lines.length > 0 ? lines.join('; ') : 'the facts known at the two cuts differ';
}

/**
 * Compares the verdict recorded with a transfer to the one recomputed at another knowledge cut
 * (docs/domain.md §4, last paragraph: the ledger answers both and reports the difference).
 * `corrections` are the transfer's own corrections recorded after it and at or before the cut.
 */
export function compareVerdicts(recorded: Verdict, recomputed: Verdict, corrections: readonly CorrectionEvidence[] = []): VerdictComparison {
  const aspects = VERDICT_ASPECTS.filter((aspect) => !sameAspect(aspect, recorded, recomputed));
  if (aspects.length === 0) return { changed: false, differences: [] };
  const why = evidence(recorded, recomputed, corrections);
  return {
    changed: true,
    differences: aspects.map((aspect) => ({ aspect, recorded: recorded[aspect], recomputed: recomputed[aspect], why })),
  };
}
