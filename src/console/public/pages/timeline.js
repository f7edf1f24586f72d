import { call, url } from '../api.js';
import { h, field, table } from '../dom.js';
import { actorWords, effectInWords, factLink, instantFromShanghaiLocal, shanghaiInstant, ZONE } from '../format.js';
import { go, hashOf } from '../router.js';
import { heading, loadInto } from './common.js';

const PAGE_SIZE = 50;
const EVENT_TYPES = [
  'RegimeEnacted', 'RegimeAmended', 'RegimeRepealed', 'DataDesignated', 'DesignationAmended', 'DesignationLifted',
  'DataListPublished', 'DataListAmended', 'DataListExpanded', 'DataListEntriesWithdrawn', 'DataListExtended', 'DataListTerminated', 'DataListExpired',
  'CompanyRegistered', 'CompanyDeregistered', 'CompanyDesignatedCiio', 'CompanyCiioLifted', 'InstrumentGranted', 'InstrumentAmended', 'InstrumentRevoked',
  'TransferRecorded', 'TransferCorrected', 'ReportRequested', 'AccessKeyIssued', 'AccessKeyRevoked', 'CheckpointSealed',
];
const FILTERS = ['type', 'factId', 'companyId', 'recordedFrom', 'recordedTo'];

/** `2024-06-01T10:00:00+08:00` → the datetime-local value `2024-06-01T10:00:00` (Shanghai time). */
const localOf = (instant) => (instant ? shanghaiInstant(instant).slice(0, 19).replace(' ', 'T') : '');

/**
 * The log, one page at a time (GET /v1/audit/timeline: a page reads only the events it shows).
 * `from` is the page's first position; `back` the first positions of the pages before it.
 */
export async function renderTimeline(view, { query }) {
  heading(view, 'Timeline', `Every event of the log in record order: its position, when it was recorded (${ZONE}), who recorded it, and what it says holds in valid time.`);
  const filters = Object.fromEntries(FILTERS.map((name) => [name, query.get(name) ?? '']));
  const from = query.get('from') ?? '';
  const back = (query.get('back') ?? '').split(',').filter(Boolean);
  const highlight = query.get('event') ?? '';

  const type = h('select', { name: 'type' }, h('option', { value: '' }, 'any type'), EVENT_TYPES.map((t) => h('option', { value: t, selected: t === filters.type }, t)));
  const factId = h('input', { name: 'factId', value: filters.factId, placeholder: 'e.g. lingang-gdl-2024' });
  const companyId = h('input', { name: 'companyId', value: filters.companyId, placeholder: 'e.g. tesla-shanghai' });
  const recordedFrom = h('input', { type: 'datetime-local', step: '1', name: 'recordedFrom', value: localOf(filters.recordedFrom) });
  const recordedTo = h('input', { type: 'datetime-local', step: '1', name: 'recordedTo', value: localOf(filters.recordedTo) });
  view.append(h('form', { class: 'filters', 'aria-label': 'Timeline filters', onsubmit: (event) => {
    event.preventDefault();
    go(hashOf('timeline', { type: type.value, factId: factId.value.trim(), companyId: companyId.value.trim(), recordedFrom: instantFromShanghaiLocal(recordedFrom.value), recordedTo: instantFromShanghaiLocal(recordedTo.value) }));
  } },
  field('Event type', type), field('Fact id', factId), field('Company id', companyId),
  field(`Recorded from (${ZONE})`, recordedFrom), field(`Recorded to (${ZONE})`, recordedTo),
  h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Filter'), h('a', { href: '#/timeline', class: 'button secondary' }, 'Clear'))));

  const results = h('section', { 'aria-label': 'Events' });
  view.append(results);
  await loadInto(results, 'events', async () => {
    const page = await call(url('/v1/audit/timeline', { ...filters, fromPosition: from, limit: PAGE_SIZE }), { doing: 'read the audit timeline' });
    const rows = page.events.map((event) => {
      const link = factLink(event.stream);
      return [
        h('span', { class: 'num' }, event.position),
        shanghaiInstant(event.recordedAt),
        actorWords(event.actor),
        h('code', {}, event.type),
        effectInWords(event),
        link ? h('a', { href: link.href }, link.id) : event.stream,
      ];
    });
    const pager = h('nav', { class: 'pager', 'aria-label': 'Timeline pages' },
      back.length > 0 ? h('a', { class: 'button secondary', href: hashOf('timeline', { ...filters, from: back.at(-1) === '0' && back.length === 1 ? '' : back.at(-1), back: back.slice(0, -1).join(',') }), rel: 'prev' }, '← Previous page') : null,
      page.nextFromPosition ? h('a', { class: 'button', href: hashOf('timeline', { ...filters, from: page.nextFromPosition, back: [...back, from || '0'].join(',') }), rel: 'next' }, 'Next page →') : h('span', { class: 'muted' }, 'End of the log.'));
    const first = page.events[0]?.position;
    const last = page.events.at(-1)?.position;
    return [
      page.events.length === 0
        ? h('p', { class: 'empty' }, 'No event matches.')
        : table(`Events ${first} to ${last}${Object.values(filters).some(Boolean) ? ' (filtered)' : ''}`, ['Position', `Recorded (${ZONE})`, 'Actor', 'Type', 'Effect', 'Fact'], rows,
          (i) => ({ class: page.events[i].eventId === highlight ? 'highlight' : undefined, id: `event-${page.events[i].eventId}` })),
      pager,
    ];
  });
  if (highlight) document.getElementById(`event-${highlight}`)?.scrollIntoView({ block: 'center' });
}
