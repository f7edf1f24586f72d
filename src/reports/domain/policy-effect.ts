import { factKeyOf } from '../../legality/domain/policy-facts.js';
import type { PolicyEventAt } from '../../legality/domain/policy-history.js';
import type { DataEntry, InstrumentScope, PolicyEvent, Threshold } from '../../policy/domain/policy.events.js';
import type { CalendarDate } from '../../common/time.js';
import type { ReportRow } from './report-table.js';

const entryText = (e: DataEntry): string => (e.category === undefined ? e.field : `${e.field}/${e.category}`);
const entriesText = (entries: readonly DataEntry[]): string => (entries.length === 0 ? 'no entries' : entries.map(entryText).join(', '));
const span = (from: CalendarDate, until?: CalendarDate): string => (until === undefined ? `in force from ${from}, open-ended` : `in force from ${from} until ${until} (exclusive)`);
const thresholdText = (t: Threshold): string => `${t.metric} ≥ ${t.atLeast} → ${t.requirement}`;
const scopeText = (s: InstrumentScope): string => {
  const data = [...(s.fields ?? []), ...(s.categories ?? []).map((c) => `${c.field}/${c.category}`)];
  return `${data.length === 0 ? 'all data' : data.join(', ')} to ${(s.destinations ?? []).length === 0 ? 'every destination' : (s.destinations ?? []).join(', ')}`;
};

/** A policy event's valid-time effect in words (docs/domain.md §3): what it says holds in the world, and from when. */
export function policyEffect(event: PolicyEvent): string {
  switch (event.type) {
    case 'RegimeEnacted':
    case 'RegimeAmended': {
      const r = event.data;
      const verb = event.type === 'RegimeEnacted' ? 'enacted' : 'amended (its content replaced as of this record)';
      const exempt = r.exemptPurposes.length === 0 ? 'no exempt purposes' : `exempt purposes ${r.exemptPurposes.join(', ')}`;
      return `regime ${r.regimeId} ${verb}: ${span(r.effectiveFrom, r.effectiveUntil)}; window ${r.countingWindow}; thresholds ${r.thresholds.map(thresholdText).join(', ') || 'none'}; ${exempt}`;
    }
    case 'RegimeRepealed':
      return `regime ${event.data.regimeId} repealed: no longer in force from ${event.data.effectiveFrom}`;
    case 'DataDesignated':
    case 'DesignationAmended': {
      const d = event.data;
      return `designation ${d.designationId} ${event.type === 'DataDesignated' ? 'made' : 'amended'}: ${entryText(d)} classified ${d.classification}, ${span(d.effectiveFrom, d.effectiveUntil)}`;
    }
    case 'DesignationLifted':
      return `designation ${event.data.designationId} lifted: no longer in force from ${event.data.effectiveFrom}`;
    case 'DataListPublished':
    case 'DataListAmended': {
      const l = event.data;
      const verb = event.type === 'DataListPublished' ? 'published' : 'amended (content, start, term and published entries replaced)';
      return `${l.kind} data list ${l.listId} ${verb} for ${l.zones.join(', ')}: ${span(l.effectiveFrom, l.effectiveUntil)}; entries ${entriesText(l.entries)}`;
    }
    case 'DataListExpanded':
      return `data list ${event.data.listId} expanded from ${event.data.effectiveFrom}: adds ${entriesText(event.data.entries)}`;
    case 'DataListEntriesWithdrawn':
      return `data list ${event.data.listId}: ${entriesText(event.data.entries)} withdrawn from ${event.data.effectiveFrom}`;
    case 'DataListExtended':
      return `data list ${event.data.listId} extended: its term now ends ${event.data.effectiveUntil}${event.data.previousUntil ? ` (was ${event.data.previousUntil})` : ''}`;
    case 'DataListTerminated':
      return `data list ${event.data.listId} terminated early: its term now ends ${event.data.effectiveUntil}${event.data.previousUntil ? ` (was ${event.data.previousUntil})` : ''}`;
    case 'DataListExpired':
      return `data list ${event.data.listId} expired: its term ended ${event.data.effectiveUntil}`;
    case 'CompanyRegistered':
      return `${event.data.companyId} registered in ${event.data.zoneId}: ${span(event.data.effectiveFrom, event.data.effectiveUntil)}`;
    case 'CompanyDeregistered':
      return `${event.data.companyId} deregistered from ${event.data.zoneId}: not registered there from ${event.data.effectiveFrom}`;
    case 'CompanyDesignatedCiio':
      return `${event.data.companyId} designated a critical information infrastructure operator from ${event.data.effectiveFrom}`;
    case 'CompanyCiioLifted':
      return `${event.data.companyId} not a critical information infrastructure operator from ${event.data.effectiveFrom}`;
    case 'InstrumentGranted':
    case 'InstrumentAmended': {
      const i = event.data;
      return `${i.kind} ${i.instrumentId} of ${i.companyId} ${event.type === 'InstrumentGranted' ? 'granted' : 'amended'}: ${span(i.effectiveFrom, i.effectiveUntil)}; covers ${scopeText(i.scope)}`;
    }
    case 'InstrumentRevoked':
      return `instrument ${event.data.instrumentId} revoked: no longer in force from ${event.data.effectiveFrom}`;
  }
}

/** The cells of one policy event: record time, the fact, its valid-time dates, the effect in words, and the data. */
export function policyEventCells({ event, eventId, position }: PolicyEventAt, recordedAtMs: number | undefined): ReportRow {
  const [factKind, factId] = factKeyOf(event).split(/:(.*)/s);
  const data = event.data as { effectiveFrom?: string; effectiveUntil?: string };
  return {
    position: position.toString(10),
    recordedAt: recordedAtMs === undefined ? undefined : new Date(recordedAtMs).toISOString(),
    eventId,
    type: event.type,
    factKind,
    factId,
    effectiveFrom: data.effectiveFrom,
    effectiveUntil: data.effectiveUntil,
    effect: policyEffect(event),
    data: event.data as unknown as Readonly<Record<string, unknown>>,
  };
}

export const POLICY_EVENT_COLUMNS = ['position', 'recordedAt', 'eventId', 'type', 'factKind', 'factId', 'effectiveFrom', 'effectiveUntil', 'effect', 'data'] as const;
