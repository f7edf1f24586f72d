import { type Decider, type Decision, append, repeat, sameJson } from '../../common/decider.js';
import { Conflict, ValidationFailed } from '../../common/errors.js';
import { type CalendarDate, earlierEnd, holdsOn } from '../../common/time.js';
import { withShapeChecks } from './policy-event.shapes.js';
import { Problems, unreachable } from './policy.checks.js';
import type { CompanyCiioLifted, CompanyDeregistered, CompanyDesignatedCiio, CompanyEvent, CompanyRegistered } from './policy.events.js';

/**
 * Commands on one company (stream `company-<companyId>`; docs/domain.md §3). A company is known by
 * the facts that name it: no command needs an earlier one (a CIIO designation of a company
 * registered in no zone, say), and an id the ledger has not seen is decided like any company
 * with no facts yet (docs/api.md).
 */
export type CompanyCommand =
  | { readonly type: 'RegisterCompany'; readonly data: CompanyRegistered['data'] }
  | { readonly type: 'DeregisterCompany'; readonly data: CompanyDeregistered['data'] }
  | { readonly type: 'SetCompanyCiio'; readonly data: { readonly companyId: string; readonly ciio: boolean; readonly effectiveFrom: CalendarDate } };

/** A registration in a zone, with its interval as deregistrations have cut it. */
export interface Registration {
  readonly zoneId: string;
  readonly effectiveFrom: CalendarDate;
  readonly effectiveUntil?: CalendarDate;
  readonly registered: CompanyRegistered;
  /** The deregistration that ended it early, if any. */
  readonly deregistered?: CompanyDeregistered;
}

export interface CompanyState {
  /** True once the company has any event (whichever fact names it first). */
  readonly known: boolean;
  readonly registrations: readonly Registration[];
  /** CIIO designations and lifts in record order (their dates in any order: back-filled history). */
  readonly ciio: readonly (CompanyDesignatedCiio | CompanyCiioLifted)[];
}

const overlaps = (a: { effectiveFrom: CalendarDate; effectiveUntil?: CalendarDate }, b: { effectiveFrom: CalendarDate; effectiveUntil?: CalendarDate }) =>
  (b.effectiveUntil === undefined || a.effectiveFrom < b.effectiveUntil) && (a.effectiveUntil === undefined || b.effectiveFrom < a.effectiveUntil);

const describe = (r: Registration) => `${r.effectiveFrom}${r.effectiveUntil ? ` until ${r.effectiveUntil}` : ''}`;

/** Registration: identical to a standing registration → repeat; overlapping another in the zone → 409. */
function decideRegistration(state: CompanyState, data: CompanyRegistered['data']): Decision<CompanyEvent> {
  new Problems().interval(data.effectiveFrom, data.effectiveUntil).throwIfAny();
  const inZone = state.registrations.filter((r) => r.zoneId === data.zoneId);
  const same = inZone.find((r) => r.deregistered === undefined && sameJson(r.registered.data, data));
  if (same) return repeat(same.registered);
  const clash = inZone.find((r) => overlaps(data, r));
  if (clash) throw new Conflict(`company ${data.companyId} is already registered in zone ${data.zoneId} from ${describe(clash)}, which overlaps`);
  return append({ type: 'CompanyRegistered', data });
}

/** Deregistration ends the registration in the zone that holds on its date. */
function decideDeregistration(state: CompanyState, data: CompanyDeregistered['data']): Decision<CompanyEvent> {
  new Problems().date('effectiveFrom', data.effectiveFrom).throwIfAny();
  const inZone = state.registrations.filter((r) => r.zoneId === data.zoneId);
  const same = inZone.find((r) => r.deregistered !== undefined && sameJson(r.deregistered.data, data));
  if (same) return repeat(same.deregistered!);
  if (inZone.length === 0) throw ValidationFailed.of('zoneId', `company ${data.companyId} is not registered in zone ${data.zoneId}`);
  if (!inZone.some((r) => holdsOn({ from: r.effectiveFrom, until: r.effectiveUntil }, data.effectiveFrom))) {
    throw ValidationFailed.of('effectiveFrom', `company ${data.companyId} is not registered in zone ${data.zoneId} on ${data.effectiveFrom} (registered ${inZone.map(describe).join(', ')})`);
  }
  return append({ type: 'CompanyDeregistered', data });
}

const ciioWords = (change: CompanyDesignatedCiio | CompanyCiioLifted): string => (change.type === 'CompanyDesignatedCiio' ? 'a CIIO' : 'not a CIIO');

/**
 * CIIO status over time, as a timeline of changes by effective date, recorded in any order (a
 * regulator back-fills history: a lifting may be recorded before the designation it ends). The
 * evaluator takes the latest change in force on a date (docs/domain.md §4 step 4). A change says
 * something new or it is refused: the same status from the same date is a repeat; another status
 * from the same date, or the same status as the change just before or just after it, is a 409.
 * A lifting with nothing before it records that the company is not a CIIO from that date.
 */
function decideCiio(state: CompanyState, data: { companyId: string; ciio: boolean; effectiveFrom: CalendarDate }): Decision<CompanyEvent> {
  const problems = new Problems().date('effectiveFrom', data.effectiveFrom);
  if (typeof data.ciio !== 'boolean') problems.add('ciio', 'must be true or false');
  problems.throwIfAny();
  const { companyId, effectiveFrom } = data;
  const wanted = data.ciio ? 'CompanyDesignatedCiio' : 'CompanyCiioLifted';
  const sameDate = state.ciio.find((change) => change.data.effectiveFrom === effectiveFrom);
  if (sameDate?.type === wanted) return repeat(sameDate);
  if (sameDate) throw new Conflict(`company ${companyId} is already recorded as ${ciioWords(sameDate)} from ${effectiveFrom}`);
  const byDate = [...state.ciio].sort((a, b) => (a.data.effectiveFrom < b.data.effectiveFrom ? -1 : 1));
  const before = byDate.filter((change) => change.data.effectiveFrom < effectiveFrom).at(-1);
  const after = byDate.find((change) => change.data.effectiveFrom > effectiveFrom);
  if (before?.type === wanted) throw new Conflict(`company ${companyId} is already ${ciioWords(before)} from ${before.data.effectiveFrom}`);
  if (after?.type === wanted) throw new Conflict(`company ${companyId} is recorded as ${ciioWords(after)} from ${after.data.effectiveFrom}: give that change's date, or the change before it`);
  return append({ type: wanted, data: { companyId, effectiveFrom } });
}

const decider: Decider<CompanyCommand, CompanyEvent, CompanyState> = {
  initialState: { known: false, registrations: [], ciio: [] },
  decide(command, state) {
    switch (command.type) {
      case 'RegisterCompany':
        return decideRegistration(state, command.data);
      case 'DeregisterCompany':
        return decideDeregistration(state, command.data);
      case 'SetCompanyCiio':
        return decideCiio(state, command.data);
      default:
        return unreachable(command);
    }
  },
  evolve(state, event) {
    switch (event.type) {
      case 'CompanyRegistered': {
        const { zoneId, effectiveFrom, effectiveUntil } = event.data;
        return { ...state, known: true, registrations: [...state.registrations, { zoneId, effectiveFrom, effectiveUntil, registered: event }] };
      }
      case 'CompanyDeregistered': {
        const { zoneId, effectiveFrom } = event.data;
        const registrations = state.registrations.map((r) =>
          r.zoneId === zoneId && holdsOn({ from: r.effectiveFrom, until: r.effectiveUntil }, effectiveFrom)
            ? { ...r, effectiveUntil: earlierEnd(r.effectiveUntil, effectiveFrom), deregistered: event }
            : r,
        );
        return { ...state, known: true, registrations };
      }
      case 'CompanyDesignatedCiio':
      case 'CompanyCiioLifted':
        return { ...state, known: true, ciio: [...state.ciio, event] };
      default:
        return unreachable(event);
    }
  },
};

/** The event whose shape each command's data must have (policy-event.shapes.ts). */
const eventOf = (command: CompanyCommand): CompanyEvent['type'] => {
  switch (command.type) {
    case 'RegisterCompany': return 'CompanyRegistered';
    case 'DeregisterCompany': return 'CompanyDeregistered';
    case 'SetCompanyCiio': return command.data.ciio === false ? 'CompanyCiioLifted' : 'CompanyDesignatedCiio';
  }
};

/** Register and deregister companies in zones; designate and lift CIIO status (docs/domain.md §3). */
export const companyDecider: Decider<CompanyCommand, CompanyEvent, CompanyState> = withShapeChecks(decider, eventOf);
