import type { PolicyEvent } from '../../policy/domain/policy.events.js';
import {
  evolveReadable,
  factKeyOf,
  unreadableFact,
  type CompanyState,
  type DataListState,
  type DesignationState,
  type EventRef,
  type FactState,
  type InstrumentState,
  type RegimeState,
} from './policy-facts.js';

/** A policy event as the history receives it: the event and its record time. */
export interface PolicyEventAt {
  readonly event: PolicyEvent;
  readonly eventId: string;
  readonly position: bigint;
  /** Why the event's data cannot be read as its type (policy-event.shapes.ts); absent or empty when it can. */
  readonly problems?: readonly string[];
}

/**
 * Every policy fact as known at one knowledge cut K (docs/domain.md §2: only events recorded at or
 * before K, each fact with the content its latest event by then gave it), indexed the way the
 * evaluator looks things up. Read-only.
 */
export class PolicyView {
  /** Every readable fact known at the cut, in no particular order (the auditor's policy state lists them all). */
  readonly facts: readonly FactState[];
  readonly regimes: readonly RegimeState[];
  readonly dataLists: readonly DataListState[];
  private readonly designationsByField = new Map<string, DesignationState[]>();
  private readonly companies = new Map<string, CompanyState>();
  private readonly instrumentsByCompany = new Map<string, InstrumentState[]>();

  /** Facts known at the cut that cannot be read (one of their events is malformed), in id order. */
  readonly unreadable: readonly FactState[];

  constructor(facts: Iterable<FactState>) {
    const all = [...facts];
    this.facts = all.filter((fact) => !fact.unreadable);
    this.unreadable = all.filter((fact) => fact.unreadable).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const regimes: RegimeState[] = [];
    const dataLists: DataListState[] = [];
    for (const fact of this.facts) {
      switch (fact.kind) {
        case 'regime': regimes.push(fact); break;
        case 'data-list': dataLists.push(fact); break;
        case 'company': this.companies.set(fact.id, fact); break;
        case 'designation': push(this.designationsByField, fact.content.field, fact); break;
        case 'instrument': push(this.instrumentsByCompany, fact.content.companyId, fact); break;
      }
    }
    // Fact ids order everything the evaluator iterates, so verdicts never depend on Map order.
    const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
    this.regimes = regimes.sort(byId);
    this.dataLists = dataLists.sort(byId);
    for (const list of this.designationsByField.values()) list.sort(byId);
    for (const list of this.instrumentsByCompany.values()) list.sort(byId);
  }

  /** Designations of the field (whole-field and per-category ones), in id order. */
  designationsOf(field: string): readonly DesignationState[] {
    return this.designationsByField.get(field) ?? [];
  }

  company(companyId: string): CompanyState | undefined {
    return this.companies.get(companyId);
  }

  /** The company's instruments, in id order. */
  instrumentsOf(companyId: string): readonly InstrumentState[] {
    return this.instrumentsByCompany.get(companyId) ?? [];
  }

  /**
   * The unreadable facts a question about this transfer needs at a step of docs/domain.md §4 (as far
   * as what is readable of them tells; when not even that is, every question of the step needs
   * them): designations of its field (step 1); its company and the data lists of zones the
   * company was ever registered in (steps 1 and 3); every regime (step 4); its company's
   * instruments (step 5).
   */
  unreadableFor(step: 'classify' | 'zones' | 'regimes' | 'instruments', transfer: { readonly companyId: string; readonly field: string }): readonly FactState[] {
    if (this.unreadable.length === 0) return [];
    const company = this.company(transfer.companyId);
    const zones = new Set(company?.registrations.map((r) => r.zoneId) ?? []);
    const content = (fact: FactState): Record<string, unknown> => ('content' in fact ? (fact.content as unknown as Record<string, unknown>) : {});
    const about = (value: unknown, wanted: string): boolean => typeof value !== 'string' || value === wanted;
    return this.unreadable.filter((fact) => {
      switch (step) {
        case 'classify':
          return fact.kind === 'designation' && about(content(fact).field, transfer.field);
        case 'zones': {
          if (fact.kind === 'company') return fact.id === transfer.companyId;
          if (fact.kind !== 'data-list') return false;
          const listZones = content(fact).zones;
          return !Array.isArray(listZones) || listZones.some((zone) => typeof zone !== 'string' || zones.has(zone));
        }
        case 'regimes':
          return fact.kind === 'regime';
        case 'instruments':
          return fact.kind === 'instrument' && about(content(fact).companyId, transfer.companyId);
      }
    });
  }
}

const push = <T>(map: Map<string, T[]>, key: string, value: T): void => {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
};

/** The states of one fact after each of its events, in log order. */
interface FactTimeline {
  readonly positions: bigint[];
  readonly states: (FactState | undefined)[];
}

/** Index of the last element ≤ `position` in an ascending list, or -1. */
export function lastAtOrBefore(positions: readonly bigint[], position: bigint): number {
  let lo = 0;
  let hi = positions.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (positions[mid] <= position) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/** How many views to keep: the head plus a few cuts auditors are looking at. */
const VIEW_CACHE_SIZE = 16;

/**
 * The policy history (pure): built incrementally from policy events in log order, it answers
 * "the state of every fact as known at K". Per fact it keeps the state after each of its events
 * (found by binary search on position); views are cached by the number of policy events they
 * include, so the view at the head is reused until a new policy event arrives.
 */
export class PolicyHistory {
  private readonly timelines = new Map<string, FactTimeline>();
  /** Positions of every applied policy event, ascending. */
  private readonly positions: bigint[] = [];
  private readonly views = new Map<number, PolicyView>();
  /** Every applied policy event, in log order (reports list them: docs/api.md §14). */
  private readonly applied: PolicyEventAt[] = [];

  /** Applies the next policy event; events must come in log order. */
  apply({ event, eventId, position, problems = [] }: PolicyEventAt): void {
    const last = this.positions[this.positions.length - 1];
    if (last !== undefined && position <= last) throw new RangeError(`policy event at ${position} is not after ${last}`);
    const key = factKeyOf(event);
    const ref: EventRef = { eventId, position };
    let timeline = this.timelines.get(key);
    if (!timeline) {
      timeline = { positions: [], states: [] };
      this.timelines.set(key, timeline);
    }
    const previous = timeline.states[timeline.states.length - 1];
    timeline.positions.push(position);
    timeline.states.push(problems.length === 0 ? evolveReadable(previous, event, ref) : unreadableFact(previous, event, ref, problems));
    this.positions.push(position);
    this.applied.push({ event, eventId, position });
  }

  /** The policy events recorded after `after` and at or before `upTo`, in log order. */
  eventsBetween(after: bigint, upTo: bigint): readonly PolicyEventAt[] {
    return this.applied.slice(lastAtOrBefore(this.positions, after) + 1, lastAtOrBefore(this.positions, upTo) + 1);
  }

  /** Number of policy events applied. */
  get size(): number {
    return this.positions.length;
  }

  /** Every fact as known at `cut` (recorded at or before it). */
  viewAt(cut: bigint): PolicyView {
    const included = lastAtOrBefore(this.positions, cut) + 1;
    const cached = this.views.get(included);
    if (cached) {
      // Refresh its place in the insertion-ordered map: least recently used goes first.
      this.views.delete(included);
      this.views.set(included, cached);
      return cached;
    }
    const view = new PolicyView(this.statesAt(cut));
    this.views.set(included, view);
    if (this.views.size > VIEW_CACHE_SIZE) this.views.delete(this.views.keys().next().value as number);
    return view;
  }

  private *statesAt(cut: bigint): Iterable<FactState> {
    for (const timeline of this.timelines.values()) {
      const index = lastAtOrBefore(timeline.positions, cut);
      const state = index >= 0 ? timeline.states[index] : undefined;
      if (state) yield state;
    }
  }
}
