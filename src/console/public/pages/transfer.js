import { call, url } from '../api.js';
import { h, table } from '../dom.js';
import { shanghaiDate, shanghaiInstant, verdictWords, ZONE } from '../format.js';
import { go, hashOf } from '../router.js';
import { chosenCut, cutPicker, cutWords, heading, loadInto } from './common.js';

const ASPECTS = ['legal', 'requirement', 'classification', 'satisfiedBy'];
const valueText = (value) => (Array.isArray(value) ? (value.length ? value.join(', ') : 'none') : String(value));

/** The aspects `changed` compares (docs/api.md §6), between two verdicts. */
function differences(from, to) {
  return ASPECTS.filter((aspect) => valueText(aspect === 'satisfiedBy' ? [...from[aspect]].sort() : from[aspect]) !== valueText(aspect === 'satisfiedBy' ? [...to[aspect]].sort() : to[aspect]))
    .map((aspect) => ({ aspect, from: valueText(from[aspect]), to: valueText(to[aspect]) }));
}

const timelineLink = (position, eventId, text) => h('a', { href: hashOf('timeline', { from: position, event: eventId }) }, text);

function verdictCard(title, verdict, note) {
  return h('article', { class: `verdict ${verdict.legal ? 'legal' : 'illegal'}`, 'aria-label': title },
    h('h2', {}, title),
    h('p', { class: 'verdict-line' }, verdictWords(verdict)),
    note ? h('p', { class: 'muted' }, note) : null,
    h('p', {}, verdict.explanation),
    h('dl', {},
      h('dt', {}, 'Knowledge cut'), h('dd', {}, `position ${verdict.position}`),
      h('dt', {}, 'Satisfied by'), h('dd', {}, valueText(verdict.satisfiedBy)),
      h('dt', {}, 'Cumulative people'), h('dd', {}, `${verdict.cumulative.personalInfoSubjects} personal, ${verdict.cumulative.sensitivePersonalInfoSubjects} sensitive`),
      verdict.notes?.length ? [h('dt', {}, 'Notes'), h('dd', {}, verdict.notes.join(', '))] : null),
    h('h3', {}, 'Basis'),
    verdict.basis.length === 0 ? h('p', { class: 'muted' }, 'no fact cited') : h('ol', { class: 'basis' }, verdict.basis.map((b) => h('li', {}, b.effect, ' ', timelineLink(b.position, b.eventId, `event ${b.position}`)))));
}

function differenceTable(caption, rows, fromLabel, toLabel) {
  if (rows.length === 0) return h('p', { class: 'same' }, `${caption}: no difference.`);
  return table(caption, ['Aspect', fromLabel, toLabel, ...(rows[0].why !== undefined ? ['Why'] : [])], rows.map((r) => [r.aspect, r.from, h('strong', {}, r.to), ...(r.why !== undefined ? [r.why] : [])]), () => ({ class: 'diff changed' }));
}

/**
 * A transfer: as declared (and corrected), the verdict recorded, as known now and as known at the
 * chosen cut, what differs, and the basis of each with every cited event linked into the timeline.
 * Four calls, each answered from the read model: nothing here reads the log.
 */
export async function renderTransfer(view, { segments, query }) {
  const transferId = segments[0] ?? '';
  const cut = { position: query.get('position') ?? '', knownAt: query.get('knownAt') ?? '' };
  if (!cut.position && !cut.knownAt && chosenCut.get()) cut.position = chosenCut.get();
  heading(view, `Transfer ${transferId}`);
  view.append(h('p', {}, h('a', { href: '#/transfers' }, '← All transfers')));
  const pickerArea = h('div', { class: 'pickers' });
  const body = h('div', {});
  view.append(pickerArea, body);
  const picked = loadInto(pickerArea, 'the ledger head', () => cutPicker({ label: 'Knowledge cut to compare with', idPrefix: 'transfer-cut', ...cut, onChoose: (chosen) => {
    chosenCut.set(chosen.position ?? '');
    go(hashOf(`transfer/${encodeURIComponent(transferId)}`, chosen));
  } }));
  const asked = cut.knownAt ? { knownAt: cut.knownAt } : cut.position ? { position: cut.position } : undefined;
  await loadInto(body, `transfer ${transferId}`, async () => {
    const path = `/v1/transfers/${encodeURIComponent(transferId)}`;
    const [transfer, now, atCut] = await Promise.all([
      call(path, { doing: 'read this transfer' }),
      call(`${path}/legality`, { doing: 'read verdicts' }),
      asked ? call(url(`${path}/legality`, asked), { doing: 'read verdicts' }) : undefined,
    ]);
    const recorded = transfer.recordedVerdict;
    const declaration = h('section', { 'aria-label': 'Declaration' }, h('h2', {}, 'As declared, with corrections known now'),
      h('dl', { class: 'facts' },
        h('dt', {}, 'Company'), h('dd', {}, transfer.companyId),
        h('dt', {}, 'Data'), h('dd', {}, `${transfer.field}/${transfer.category}${transfer.importantData ? ' (declared important data)' : ''}`),
        h('dt', {}, 'Destination'), h('dd', {}, transfer.destination),
        h('dt', {}, 'Occurred'), h('dd', {}, `${shanghaiInstant(transfer.occurredAt)}: valid date ${shanghaiDate(transfer.date)}`),
        h('dt', {}, 'People'), h('dd', {}, `${transfer.personalInfoSubjects} personal, ${transfer.sensitivePersonalInfoSubjects} sensitive`),
        h('dt', {}, 'Purpose'), h('dd', {}, transfer.purpose),
        h('dt', {}, 'Recorded'), h('dd', {}, timelineLink(transfer.position, transfer.eventId, `position ${transfer.position}`), ` at ${shanghaiInstant(transfer.recordedAt)}`),
        h('dt', {}, 'Corrections'), h('dd', {}, transfer.corrections.length === 0 ? 'none' : h('ul', {}, transfer.corrections.map((c) => h('li', {}, Object.entries(c.changes).map(([k, v]) => `${k} → ${v}`).join(', '), ' ', timelineLink(c.position, c.eventId, `event ${c.position}`)))))));
    const recordedVsNow = (now.differences ?? []).map((d) => ({ aspect: d.aspect, from: valueText(d.recorded), to: valueText(d.recomputed), why: d.why }));
    const cards = [verdictCard('Recorded verdict', recorded, `given when it was recorded, at position ${recorded.position}`), verdictCard('As known now', now)];
    const diffs = [differenceTable('Recorded verdict → as known now', recordedVsNow, 'Recorded', 'Now')];
    if (atCut) {
      cards.push(verdictCard(`As known at the cut (${cutWords(cut).replace('as known at ', '')})`, atCut));
      diffs.push(differenceTable('Recorded verdict → at the cut', (atCut.differences ?? []).map((d) => ({ aspect: d.aspect, from: valueText(d.recorded), to: valueText(d.recomputed), why: d.why })), 'Recorded', 'At the cut'));
      diffs.push(differenceTable('At the cut → as known now', differences(atCut, now), 'At the cut', 'Now'));
    }
    return [
      declaration,
      h('section', { 'aria-label': 'Differences' }, h('h2', {}, 'What changed'), ...diffs),
      h('div', { class: `verdicts n${cards.length}` }, ...cards),
      h('p', { class: 'muted' }, `Verdicts are computed for the transfer's valid date; cuts are positions of the log (record time). Instants are shown in ${ZONE}.`),
    ];
  });
  await picked;
}
