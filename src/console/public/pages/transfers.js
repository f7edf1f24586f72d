import { call, session, url } from '../api.js';
import { h, field, table } from '../dom.js';
import { shanghaiDate, verdictWords, ZONE } from '../format.js';
import { go, hashOf } from '../router.js';
import { heading, loadInto } from './common.js';

const PAGE_SIZE = 50;
const FILTERS = ['companyId', 'zoneId', 'from', 'to', 'field', 'category', 'destination', 'legal', 'requirement', 'changed', 'position'];

const choice = (name, value, options) => h('select', { name }, options.map(([v, label]) => h('option', { value: v, selected: v === value }, label)));

/** Finds transfers (GET /v1/transfers: a page of an index, never the whole log), verdicts as known at the cut. */
export async function renderTransfers(view, { query }) {
  heading(view, 'Transfers', `Find transfers by company, zone, period (${ZONE} dates of when the data left) and verdict. Verdicts are shown as known at the cut (the head unless you give one) beside the verdict recorded.`);
  const filters = Object.fromEntries(FILTERS.map((name) => [name, query.get(name) ?? '']));
  const service = session.identity?.role === 'service';
  const cursor = query.get('cursor') ?? '';
  const back = query.get('back') ? JSON.parse(query.get('back')) : [];

  const inputs = {
    companyId: h('input', { name: 'companyId', value: service ? session.identity.companyId : filters.companyId, readonly: service, placeholder: 'e.g. tesla-shanghai' }),
    zoneId: h('input', { name: 'zoneId', value: filters.zoneId, placeholder: 'e.g. cn-shanghai-lingang' }),
    from: h('input', { type: 'date', name: 'from', value: filters.from }),
    to: h('input', { type: 'date', name: 'to', value: filters.to }),
    field: h('input', { name: 'field', value: filters.field, placeholder: 'e.g. icv' }),
    category: h('input', { name: 'category', value: filters.category }),
    destination: h('input', { name: 'destination', value: filters.destination, placeholder: 'e.g. DE', maxlength: '2', size: '3' }),
    legal: choice('legal', filters.legal, [['', 'either'], ['true', 'legal'], ['false', 'illegal']]),
    requirement: choice('requirement', filters.requirement, [['', 'any'], ['none', 'none'], ['standard-contract', 'standard contract'], ['security-assessment', 'security assessment'], ['prohibited', 'prohibited']]),
    changed: choice('changed', filters.changed, [['', 'either'], ['true', 'changed since recorded'], ['false', 'as recorded']]),
    position: h('input', { type: 'number', min: '0', name: 'position', value: filters.position, inputmode: 'numeric' }),
  };
  view.append(h('form', { class: 'filters', 'aria-label': 'Transfer filters', onsubmit: (event) => {
    event.preventDefault();
    const values = Object.fromEntries(Object.entries(inputs).map(([name, input]) => [name, input.value.trim()]));
    if (service) values.companyId = '';
    go(hashOf('transfers', values));
  } },
  field(service ? 'Company id (your key\'s own)' : 'Company id', inputs.companyId), field('Zone id', inputs.zoneId), field(`From (${ZONE} date)`, inputs.from), field(`To (${ZONE} date, inclusive)`, inputs.to),
  field('Field', inputs.field), field('Category', inputs.category), field('Destination', inputs.destination),
  field('Verdict at the cut', inputs.legal), field('Requirement at the cut', inputs.requirement), field('Since recorded', inputs.changed),
  field('Cut (position; empty: the head)', inputs.position),
  h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Search'), h('a', { href: '#/transfers', class: 'button secondary' }, 'Clear'))));

  const results = h('section', { 'aria-label': 'Transfers found' });
  view.append(results);
  const searched = { ...filters, companyId: service ? '' : filters.companyId };
  await loadInto(results, 'transfers', async () => {
    const page = await call(url('/v1/transfers', { ...searched, limit: PAGE_SIZE, cursor }), { doing: 'list transfers' });
    const rows = page.items.map((t) => [
      h('a', { href: hashOf(`transfer/${encodeURIComponent(t.transferId)}`, { position: filters.position }) }, t.transferId),
      t.companyId,
      shanghaiDate(t.date),
      `${t.field}/${t.category} → ${t.destination}`,
      h('span', { class: t.verdict.legal ? 'ok' : 'bad' }, verdictWords(t.verdict)),
      h('span', { class: t.recordedVerdict.legal ? 'ok' : 'bad' }, verdictWords(t.recordedVerdict)),
      t.changed ? h('span', { class: 'badge changed' }, 'changed') : 'no',
    ]);
    const pager = h('nav', { class: 'pager', 'aria-label': 'Result pages' },
      back.length > 0 ? h('a', { class: 'button secondary', rel: 'prev', href: hashOf('transfers', { ...filters, cursor: back.at(-1), back: back.length > 1 ? JSON.stringify(back.slice(0, -1)) : '' }) }, '← Previous page') : null,
      page.nextCursor ? h('a', { class: 'button', rel: 'next', href: hashOf('transfers', { ...filters, cursor: page.nextCursor, back: JSON.stringify([...back, cursor]) }) }, 'Next page →') : h('span', { class: 'muted' }, 'No more transfers.'));
    return [
      page.items.length === 0 ? h('p', { class: 'empty' }, 'No transfer matches.') : table(`Transfers as known at position ${page.cut}`, ['Transfer', 'Company', 'Date', 'Data and destination', 'Verdict at the cut', 'Recorded verdict', 'Changed'], rows),
      pager,
    ];
  });
}
