import { call, url } from '../api.js';
import { h, table } from '../dom.js';
import { shanghaiInstant, ZONE } from '../format.js';
import { hashOf } from '../router.js';
import { heading, loadInto } from './common.js';

const KINDS = { regimes: 'Regime', designations: 'Designation', 'data-lists': 'Data list', companies: 'Company', instruments: 'Instrument' };

/** One policy fact as known at a cut (GET /v1/<kind>/{id}): what it says now and every event that made it so. */
export async function renderFact(view, { segments, query }) {
  const [kind, id = ''] = segments;
  const position = query.get('position') ?? '';
  heading(view, `${KINDS[kind] ?? 'Fact'} ${id}`, position ? `As known at position ${position}.` : 'As known now.');
  view.append(h('p', {}, h('a', { href: hashOf('timeline', { factId: id }) }, `All events of ${id} in the timeline`)));
  const body = h('div', {});
  view.append(body);
  if (!KINDS[kind]) return void body.append(h('p', { class: 'error' }, `No such kind of fact: ${kind}.`));
  await loadInto(body, `${id}`, async () => {
    const fact = await call(url(`/v1/${kind}/${encodeURIComponent(id)}`, { position }), { doing: 'read policy facts' });
    return [
      h('h2', {}, 'Its events'),
      table(`Events of ${id}, oldest first`, ['Position', `Recorded (${ZONE})`, 'Type', 'Data'], fact.history.map((e) => [
        h('a', { href: hashOf('timeline', { from: e.position, event: e.eventId }) }, e.position), shanghaiInstant(e.recordedAt), h('code', {}, e.type), h('pre', {}, JSON.stringify(e.data)),
      ])),
      h('h2', {}, 'As those events give it'),
      h('pre', { class: 'json' }, JSON.stringify(fact.current, null, 2)),
    ];
  });
}
