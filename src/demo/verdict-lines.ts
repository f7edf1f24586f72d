import type { Verdict } from '../legality/domain/verdict.js';
import type { VerdictDifference } from '../transfers/domain/verdict-comparison.js';

/** How a person would say a requirement. */
const NEEDS: Record<Verdict['requirement'], string> = {
  none: 'needs nothing',
  'standard-contract': 'needs a standard contract',
  'security-assessment': 'needs a security assessment',
  prohibited: 'may not leave China (core data)',
};

/** "LEGAL, needs nothing (general data)" or "ILLEGAL, needs a security assessment (important data)". */
export function verdictHeadline(verdict: Verdict): string {
  const satisfied = verdict.satisfiedBy.length > 0 ? `, satisfied by ${verdict.satisfiedBy.join(', ')}` : '';
  return `${verdict.legal ? 'LEGAL' : 'ILLEGAL'}, ${NEEDS[verdict.requirement]} (${verdict.classification} data)${satisfied}`;
}

/** The verdict in a few short lines: headline, the counts when they matter, one line per cited fact. */
export function verdictLines(verdict: Verdict): string[] {
  // Counts beyond 2^53 − 1 come as decimal strings (verdict.ts): BigInt reads both forms exactly.
  const [personal, sensitive] = [BigInt(verdict.cumulative.personalInfoSubjects), BigInt(verdict.cumulative.sensitivePersonalInfoSubjects)];
  const counts =
    personal + sensitive > 0n
      ? [`counted in the regime's window: ${personal.toLocaleString('en-US')} people's personal information, ${sensitive.toLocaleString('en-US')} sensitive`]
      : [];
  return [
    verdictHeadline(verdict),
    ...counts,
    ...verdict.basis.map((c) => `because ${c.effect} [${c.factId}, position ${c.position}]`),
  ];
}

const shown = (value: VerdictDifference['recorded']): string => (Array.isArray(value) ? `[${value.join(', ')}]` : String(value));

/** "requirement: none then, standard-contract now" and why. */
export const differenceLines = (differences: readonly VerdictDifference[]): string[] => [
  ...differences.map((d) => `${d.aspect}: ${shown(d.recorded)} then, ${shown(d.recomputed)} now`),
  // Every difference carries the same evidence (VerdictDifference.why): show it once, a line per item.
  ...(differences.length > 0 ? ['why:', ...differences[0].why.split('; ').map((item) => `- ${item}`)] : []),
];
