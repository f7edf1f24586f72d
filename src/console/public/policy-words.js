// The pieces of the policy state (GET /v1/audit/policy-state) in words, each with the event it cites.
import { h } from './dom.js';
import { hashOf } from './router.js';

const span = (from, until) => (until ? `in force ${from} until ${until} (exclusive)` : `in force from ${from}, open-ended`);
const entryText = (e) => (e.category ? `${e.field}/${e.category}` : `${e.field} (whole field)`);
const thresholdText = (t) => `${t.metric} ≥ ${t.atLeast} → ${t.requirement}`;
const scopeText = (s = {}) => {
  const data = [...(s.fields ?? []), ...(s.categories ?? []).map((c) => `${c.field}/${c.category}`)];
  return `${data.length ? data.join(', ') : 'all data'} to ${(s.destinations ?? []).length ? s.destinations.join(', ') : 'every destination'}`;
};
const ending = (e) => (e ? `; ends from ${e.effectiveFrom} (event at ${e.position})` : '');

/** Text the other cut does not have, marked (a regime's new threshold). */
const marked = (text, differs) => (differs ? h('mark', {}, text) : text);

/** A link into the timeline at the event a piece cites. */
export const citation = (ref) => (ref ? h('a', { class: 'cite', href: hashOf('timeline', { from: ref.position, event: ref.eventId }), title: `event ${ref.eventId}` }, `event ${ref.position}`) : null);

/** Each section of the policy state: its items, keyed, in words (`words(item, sameItemAtTheOtherCut?)`). */
export const SECTIONS = [
  {
    title: 'Regimes', of: (state) => state.regimes, key: (r) => r.regimeId,
    words: (r, was) => [h('strong', {}, r.regimeId), r.inForce ? h('span', { class: 'tag' }, 'applies') : null, ` ${r.title}: ${span(r.effectiveFrom, r.effectiveUntil)}; counting window ${r.countingWindow}; thresholds `,
      r.thresholds.length === 0 ? 'none' : r.thresholds.map((t, i) => [i ? ', ' : '', marked(thresholdText(t), was && !was.thresholds.some((w) => thresholdText(w) === thresholdText(t)))]),
      `; exempt ${r.exemptPurposes.join(', ') || 'none'}${ending(r.ending)}`],
    cite: (r) => r.source,
  },
  {
    title: 'Designations', of: (state) => state.designations, key: (d) => d.designationId,
    words: (d) => [h('strong', {}, d.designationId), ` ${entryText(d)} is ${d.classification} data, ${span(d.effectiveFrom, d.effectiveUntil)}${ending(d.ending)}`],
    cite: (d) => d.source,
  },
  {
    title: 'Data lists', of: (state) => state.dataLists, key: (l) => l.listId,
    words: (l) => [h('strong', {}, l.listId), ` ${l.kind} list “${l.title}” for ${l.zones.join(', ')}, term ${span(l.term.effectiveFrom, l.term.effectiveUntil)}; `,
      l.entries.length === 0 ? 'no entries' : h('span', {}, `${l.entries.length} entries: `, l.entries.map((e, i) => [i ? ', ' : '', entryText(e), e.position === l.source.position ? '' : [' ', citation(e)]]))],
    cite: (l) => l.source,
  },
  {
    title: 'Companies', of: (state) => state.companies, key: (c) => c.companyId,
    words: (c) => [h('strong', {}, c.companyId), ' ',
      c.registrations.length === 0 ? 'not registered in a zone on the date' : c.registrations.map((r, i) => [i ? '; ' : '', `registered in ${r.zoneId} ${span(r.effectiveFrom, r.effectiveUntil)}${ending(r.ending)} `, citation(r)]),
      `; ${c.ciio.ciio ? `a CIIO from ${c.ciio.effectiveFrom}` : 'not a CIIO'} `, citation(c.ciio.source)],
    cite: () => undefined,
  },
  {
    title: 'Instruments', of: (state) => state.instruments, key: (i) => i.instrumentId,
    words: (i) => [h('strong', {}, i.instrumentId), ` ${i.kind} of ${i.companyId}, ${span(i.effectiveFrom, i.effectiveUntil)}, covers ${scopeText(i.scope)}${ending(i.ending)}`],
    cite: (i) => i.source,
  },
];
