import type { InstrumentKind, Metric, Requirement } from '../../common/terms.js';
import { startOfYear, type CalendarDate } from '../../common/time.js';
import {
  ciioOn,
  dataListInForce,
  designationInForce,
  instrumentInForce,
  listedEntry,
  regimeInForce,
  registrationIn,
  type CompanyState,
  type DataListState,
  type DesignationState,
  requireReadable,
  type EventRef,
  type InstrumentState,
  type RegimeState,
} from './policy-facts.js';
import type { PolicyView } from './policy-history.js';
import { addCount, countSumForJson } from '../../common/counts.js';
import type { MetricSums } from './transfer-counts.js';
import type { TransferUnderEvaluation } from './transfer-under-evaluation.js';
import type { BasisCitation, Verdict, VerdictNote } from './verdict.js';

/** What the evaluator needs: the policy as known at the cut, the transfer, its company's earlier counts, and the cut. */
export interface EvaluationInput {
  /** Every policy fact as known at `cut`. */
  readonly policy: PolicyView;
  readonly transfer: TransferUnderEvaluation;
  /**
   * The summed counts of the company's transfers known at `cut` that come before the transfer in
   * order (docs/domain.md §4 step 4) and are dated from `fromDate`, with corrections as known at `cut`;
   * the transfer itself excluded.
   */
  readonly countsBefore: (fromDate: CalendarDate) => MetricSums;
  readonly cut: bigint;
}

const RANK: Record<Requirement, number> = { none: 0, 'standard-contract': 1, 'security-assessment': 2, prohibited: 3 };
const strictest = (requirements: readonly Requirement[]): Requirement =>
  requirements.reduce<Requirement>((a, b) => (RANK[b] > RANK[a] ? b : a), 'none');

/** docs/domain.md §4 step 5: a security assessment satisfies both requirements; the others the standard contract only. */
const SATISFIES: Record<InstrumentKind, readonly Requirement[]> = {
  'security-assessment': ['security-assessment', 'standard-contract'],
  'standard-contract': ['standard-contract'],
  certification: ['standard-contract'],
};

const WORDS: Record<Requirement, string> = {
  none: 'no requirement',
  'standard-contract': 'a standard contract',
  'security-assessment': 'a security assessment',
  prohibited: 'prohibition',
};

const METRIC_WORDS: Record<Metric, string> = {
  personalInfoSubjects: 'personal information subjects',
  sensitivePersonalInfoSubjects: 'sensitive personal information subjects',
};

const ZERO: MetricSums = { personalInfoSubjects: 0, sensitivePersonalInfoSubjects: 0 };

/** One trigger of step 4 that fired, with why (for the explanation) and the facts behind it. */
interface Trigger {
  readonly requirement: Requirement;
  readonly reason: string;
  readonly basis: readonly BasisCitation[];
}

const cite = (factId: string, ref: EventRef, effect: string): BasisCitation => ({
  factId,
  eventId: ref.eventId,
  position: ref.position.toString(10),
  effect,
});

/** `icv` for a whole field, `icv/after-sales/service-records` for one category. */
const scopeText = (field: string, category?: string): string => (category === undefined ? field : `${field}/${category}`);

const interval = (from: CalendarDate, until?: CalendarDate): string => (until === undefined ? `from ${from}` : `from ${from} until ${until}`);

/**
 * The legality evaluator (pure; never reads the clock): exactly docs/domain.md §4 for one transfer on
 * its Shanghai date, with every policy fact as known at the cut.
 *
 * Readings where docs/domain.md leaves a choice:
 * - `cumulative` holds the counts step 4 used (this transfer included); zeros when no regime is
 *   in force, or when step 2 or 3 decided before any count was needed.
 * - With several negative lists in force for the company's zones, data on any of them goes on to
 *   step 4; the release of step 3 needs data on none of them.
 * - `basis`, in this order: the facts that classified the data (core or important designations
 *   that stood, or the list entries and registrations that lifted them, and general lists that
 *   list the data but were not in force on the date), the negative lists of step 3, the facts
 *   behind the triggers that set the requirement (not those of weaker triggers), the regime in
 *   force when nothing fired, and the instruments that satisfy the requirement; ids order facts
 *   of one kind, and a (fact, event) pair is cited once.
 * - `notes` (verdict.ts): `no-regime-in-force` only when step 4 is reached (core data and a
 *   negative list's release are decided before any regime matters); `no-policy-known` when the
 *   view at the cut holds no fact at all, which only step 4 can meet.
 */
export function evaluate(input: EvaluationInput): Verdict {
  const { policy, transfer: t, cut } = input;
  const d = t.date;
  const company = policy.company(t.companyId);
  const data = scopeText(t.field, t.category);

  // ---- step 1: classify ----
  requireReadable(policy.unreadableFor('classify', t));
  const covering = policy
    .designationsOf(t.field)
    .filter((x) => designationInForce(x, d) && (x.content.category === undefined || x.content.category === t.category));
  const core = covering.filter((x) => x.content.classification === 'core');
  const position = cut.toString(10);

  // ---- step 2: core data is prohibited; nothing lifts it ----
  if (core.length > 0) {
    return verdict(d, position, {
      legal: false,
      requirement: 'prohibited',
      classification: 'core',
      satisfiedBy: [],
      cumulative: ZERO,
      notes: [],
      basis: core.map((x) => cite(x.id, x.contentRef, `designation ${x.id} classifies ${scopeText(x.content.field, x.content.category)} as core data ${interval(x.content.effectiveFrom, x.content.effectiveUntil)}`)),
      explanation: `Illegal: ${data} is core data (${core.map((x) => `designation ${x.id}`).join(', ')}), whose export is prohibited.`,
    });
  }
  const important = covering.filter((x) => x.content.classification === 'important');
  requireReadable(policy.unreadableFor('zones', t));
  const classified = classify(policy, t, company, important);
  const basis: BasisCitation[] = [...classified.basis];

  // ---- step 3: a negative list that does not list the data ----
  const negative = negativeListRelease(policy, t, company);
  if (negative) {
    return verdict(d, position, {
      legal: true,
      requirement: 'none',
      classification: classified.classification,
      satisfiedBy: [],
      cumulative: ZERO,
      notes: [],
      basis: dedupe([...basis, ...negative.basis]),
      explanation: `Legal: no requirement applies because ${negative.reason}.`,
    });
  }

  // ---- step 4: triggers; the strictest wins ----
  const triggers: Trigger[] = [];
  if (classified.classification === 'important') triggers.push({ requirement: 'security-assessment', reason: classified.reason, basis: [] });
  const ciio = ciioOn(company, d);
  const carriesPersonal = t.personalInfoSubjects > 0 || t.sensitivePersonalInfoSubjects > 0;
  if (ciio?.ciio && (carriesPersonal || classified.classification === 'important')) {
    triggers.push({
      requirement: 'security-assessment',
      reason: `${t.companyId} is a critical information infrastructure operator on ${d} and the transfer carries ${carriesPersonal ? 'personal information' : 'important data'}`,
      basis: [cite(t.companyId, ciio.ref, `${t.companyId} designated a critical information infrastructure operator from ${ciio.from}`)],
    });
  }
  requireReadable(policy.unreadableFor('regimes', t));
  const regime = regimeOn(policy.regimes, d);
  const thresholds = regime ? applyRegime(regime, t, input.countsBefore) : undefined;
  if (thresholds?.trigger) triggers.push(thresholds.trigger);
  const requirement = strictest(triggers.map((x) => x.requirement));
  const deciding = triggers.filter((x) => x.requirement === requirement);
  for (const trigger of deciding) basis.push(...trigger.basis);
  const cumulative = thresholds?.cumulative ?? ZERO;
  const notes = notesOf(regime === undefined, policy.facts.length === 0);
  const unknown = notes.includes('no-policy-known') ? ` Nothing of policy is known as of position ${position}: no regime, designation, data list, company or instrument was recorded at or before it.` : '';

  if (requirement === 'none') {
    const reasons = [...classified.releases];
    if (thresholds) {
      reasons.push(thresholds.quiet);
      basis.push(thresholds.quietBasis);
    } else reasons.push(`no regime is in force on ${d}`);
    return verdict(d, position, { legal: true, requirement, classification: classified.classification, satisfiedBy: [], cumulative, notes, basis: dedupe(basis), explanation: `Legal: no requirement applies because ${reasons.join('; ')}.${unknown}` });
  }

  // ---- step 5: an instrument in force whose scope and kind satisfy the requirement ----
  requireReadable(policy.unreadableFor('instruments', t));
  const satisfying = policy.instrumentsOf(t.companyId).filter((i) => instrumentInForce(i, d) && SATISFIES[i.content.kind].includes(requirement) && covers(i, t));
  for (const instrument of satisfying) {
    basis.push(cite(instrument.id, instrument.contentRef, `${instrument.content.kind} ${instrument.id} ${interval(instrument.content.effectiveFrom, instrument.content.effectiveUntil)} covers ${data} to ${t.destination}${instrument.revoke ? ` (revoked from ${instrument.revoke.from})` : ''}`));
  }
  const because = deciding.map((x) => x.reason).join('; ');
  const legal = satisfying.length > 0;
  const noRegime = regime === undefined ? ` No regime is in force on ${d}, so no threshold applies.` : '';
  const explanation = legal
    ? `Legal: requires ${WORDS[requirement]} because ${because}; satisfied by ${satisfying.map((i) => i.id).join(', ')}.${noRegime}${unknown}`
    : `Illegal: requires ${WORDS[requirement]} because ${because}; no instrument in force covers it.${noRegime}${unknown}`;
  return verdict(d, position, { legal, requirement, classification: classified.classification, satisfiedBy: satisfying.map((i) => i.id), cumulative, notes, basis: dedupe(basis), explanation });
}

/** The notes of a verdict decided in step 4, in VERDICT_NOTES order. */
function notesOf(noRegime: boolean, noPolicy: boolean): VerdictNote[] {
  const notes: VerdictNote[] = [];
  if (noRegime) notes.push('no-regime-in-force');
  if (noPolicy) notes.push('no-policy-known');
  return notes;
}

/** A verdict in one fixed shape and key order (docs/api.md's), whichever step decided it. */
function verdict(date: CalendarDate, position: string, v: Omit<Verdict, 'date' | 'position' | 'cumulative'> & { readonly cumulative: MetricSums }): Verdict {
  return {
    legal: v.legal,
    requirement: v.requirement,
    classification: v.classification,
    date,
    position,
    satisfiedBy: v.satisfiedBy,
    // Sums beyond 2^53 − 1 as decimal strings: JSON numbers that large would be rounded by readers.
    cumulative: { personalInfoSubjects: countSumForJson(v.cumulative.personalInfoSubjects), sensitivePersonalInfoSubjects: countSumForJson(v.cumulative.sensitivePersonalInfoSubjects) },
    basis: v.basis,
    notes: v.notes,
    explanation: v.explanation,
  };
}

/** Step 1 beyond core: the exporter's declaration, important designations, and general lists that lift designations. */
function classify(
  policy: PolicyView,
  t: TransferUnderEvaluation,
  company: CompanyState | undefined,
  important: readonly DesignationState[],
): { classification: 'general' | 'important'; reason: string; basis: BasisCitation[]; releases: string[] } {
  const data = scopeText(t.field, t.category);
  if (important.length === 0) {
    return t.importantData
      ? { classification: 'important', reason: 'the exporter declared the data important', basis: [], releases: [] }
      : { classification: 'general', reason: '', basis: [], releases: [] };
  }
  const names = important.map((x) => x.id);
  const designated = `important designation${names.length > 1 ? 's' : ''} ${names.join(', ')}`;
  const lifts: BasisCitation[] = [];
  const notInForce: BasisCitation[] = [];
  for (const list of policy.dataLists) {
    if (list.content.kind !== 'general') continue;
    const registration = registrationIn(company, list.content.zones, t.date);
    const entry = registration && listedEntry(list, t.field, t.category, t.date);
    if (!registration || !entry) continue;
    if (dataListInForce(list, t.date)) {
      lifts.push(
        cite(list.id, entry.ref, `entry ${scopeText(entry.entry.field, entry.entry.category)} of ${list.id} lifted ${designated}`),
        cite(t.companyId, registration.ref, `${t.companyId} registered in ${registration.zoneId} ${interval(registration.from, registration.until)}`),
      );
    } else {
      notInForce.push(cite(list.id, t.date < list.content.effectiveFrom ? list.contentRef : list.termRef, `${list.id} lists ${data} but is not in force on ${t.date} (${interval(list.content.effectiveFrom, list.termUntil)})`));
    }
  }
  const designationBasis = important.map((x) => cite(x.id, x.contentRef, `designation ${x.id} classifies ${scopeText(x.content.field, x.content.category)} as important ${interval(x.content.effectiveFrom, x.content.effectiveUntil)}`));
  const designatedReason = `${designated} classif${names.length > 1 ? 'y' : 'ies'} ${data} as important`;
  if (t.importantData) {
    // The lists lift designations only, never the exporter's own declaration (docs/domain.md §4 step 1).
    return lifts.length > 0
      ? { classification: 'important', reason: 'the exporter declared the data important', basis: [], releases: [] }
      : { classification: 'important', reason: `the exporter declared the data important and ${designatedReason}`, basis: [...designationBasis, ...notInForce], releases: [] };
  }
  if (lifts.length > 0) {
    return { classification: 'general', reason: '', basis: lifts, releases: [`${data} is on a general data list in force for ${t.companyId}, which lifts ${designated}`] };
  }
  return { classification: 'important', reason: designatedReason, basis: [...designationBasis, ...notInForce], releases: [] };
}

/** Step 3: negative lists in force for a zone the company is registered in; the release when none lists the data and the company is not a CIIO. */
function negativeListRelease(policy: PolicyView, t: TransferUnderEvaluation, company: CompanyState | undefined): { reason: string; basis: BasisCitation[] } | undefined {
  const applicable: { list: DataListState; registration: NonNullable<ReturnType<typeof registrationIn>> }[] = [];
  for (const list of policy.dataLists) {
    if (list.content.kind !== 'negative' || !dataListInForce(list, t.date)) continue;
    const registration = registrationIn(company, list.content.zones, t.date);
    if (registration) applicable.push({ list, registration });
  }
  if (applicable.length === 0 || ciioOn(company, t.date)?.ciio) return undefined;
  // Reading: with several negative lists in force, data on any of them goes on to step 4.
  if (applicable.some(({ list }) => listedEntry(list, t.field, t.category, t.date))) return undefined;
  const data = scopeText(t.field, t.category);
  const basis = applicable.flatMap(({ list, registration }) => [
    cite(list.id, list.contentRef, `negative list ${list.id} for ${registration.zoneId} does not list ${data}: no further requirement`),
    cite(t.companyId, registration.ref, `${t.companyId} registered in ${registration.zoneId} ${interval(registration.from, registration.until)}`),
  ]);
  const names = applicable.map(({ list }) => list.id).join(', ');
  return { reason: `${t.companyId} is registered in a zone whose negative list (${names}) does not list ${data} and is not a critical information infrastructure operator`, basis };
}

/** docs/domain.md §4 step 4: the latest enacted regime (by effectiveFrom, ties by position) whose interval holds the date. */
export function regimeOn(regimes: readonly RegimeState[], date: CalendarDate): RegimeState | undefined {
  let latest: RegimeState | undefined;
  for (const regime of regimes) {
    if (!regimeInForce(regime, date)) continue;
    if (
      latest === undefined ||
      regime.content.effectiveFrom > latest.content.effectiveFrom ||
      (regime.content.effectiveFrom === latest.content.effectiveFrom && regime.enactedRef.position > latest.enactedRef.position)
    ) latest = regime;
  }
  return latest;
}

/** The regime's thresholds against the cumulative counts (this transfer included). */
function applyRegime(regime: RegimeState, t: TransferUnderEvaluation, countsBefore: (fromDate: CalendarDate) => MetricSums) {
  const { content } = regime;
  const fromDate = content.countingWindow === 'calendar-year' ? startOfYear(t.date) : startOfYear(t.date, 1);
  const before = countsBefore(fromDate);
  const cumulative: MetricSums = {
    personalInfoSubjects: addCount(before.personalInfoSubjects, t.personalInfoSubjects),
    sensitivePersonalInfoSubjects: addCount(before.sensitivePersonalInfoSubjects, t.sensitivePersonalInfoSubjects),
  };
  const window = `${fromDate} through ${t.date}`;
  if (content.exemptPurposes.includes(t.purpose)) {
    const quiet = `regime ${regime.id} exempts the purpose ${t.purpose}`;
    return { cumulative, quiet, quietBasis: cite(regime.id, regime.contentRef, `regime ${regime.id} in force on ${t.date} exempts the purpose ${t.purpose}`) };
  }
  const fired = content.thresholds.filter((x) => t[x.metric] > 0 && cumulative[x.metric] >= x.atLeast);
  const requirement = strictest(fired.map((x) => x.requirement));
  const counted = `cumulative ${cumulative.personalInfoSubjects} personal information and ${cumulative.sensitivePersonalInfoSubjects} sensitive personal information subjects (${window})`;
  const quiet = `no threshold of regime ${regime.id} is reached (${counted})`;
  const quietBasis = cite(regime.id, regime.contentRef, `regime ${regime.id} in force on ${t.date}: no threshold reached with ${counted}`);
  if (requirement === 'none') return { cumulative, quiet, quietBasis };
  const reached = fired
    .filter((x) => x.requirement === requirement)
    .map((x) => `${cumulative[x.metric]} ${METRIC_WORDS[x.metric]} reach ${x.atLeast}`)
    .join(' and ');
  const trigger: Trigger = {
    requirement,
    reason: `under regime ${regime.id} the cumulative ${reached} (${window})`,
    basis: [cite(regime.id, regime.contentRef, `regime ${regime.id} requires ${WORDS[requirement]}: cumulative ${reached} (${window})`)],
  };
  return { cumulative, quiet, quietBasis, trigger };
}

/** Instrument scope (docs/domain.md §3): empty = all along that axis; data is covered by a listed field or a listed field/category. */
function covers(instrument: InstrumentState, t: TransferUnderEvaluation): boolean {
  const { fields = [], categories = [], destinations = [] } = instrument.content.scope;
  const allData = fields.length === 0 && categories.length === 0;
  const dataCovered = allData || fields.includes(t.field) || categories.some((c) => c.field === t.field && c.category === t.category);
  return dataCovered && (destinations.length === 0 || destinations.includes(t.destination));
}

/** One citation per (fact, event): a company registered in one zone for two lists is cited once. */
function dedupe(citations: readonly BasisCitation[]): BasisCitation[] {
  const seen = new Set<string>();
  return citations.filter((c) => {
    const key = `${c.factId}\u0000${c.eventId}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
