import { call, url } from '../api.js';
import { h, field } from '../dom.js';
import { shanghaiDate, shanghaiToday, ZONE } from '../format.js';
import { SECTIONS, citation } from '../policy-words.js';
import { go, hashOf } from '../router.js';
import { chosenCut, cutPicker, cutWords, heading, loadInto } from './common.js';

const LISTINGS = [['regimes', 'Regimes'], ['designations', 'Designations'], ['data-lists', 'Data lists'], ['companies', 'Companies'], ['instruments', 'Instruments']];
const LISTED = 100;

const cutOf = (query, [position, knownAt]) => ({ position: query.get(position) ?? '', knownAt: query.get(knownAt) ?? '' });

/** One cut's policy in force on the date, and the facts known at the cut (the listings, first 100 of each). */
async function loadCut(cut, date) {
  const asked = cut.knownAt ? { knownAt: cut.knownAt } : { position: cut.position };
  const [state, ...listings] = await Promise.all([
    call(url('/v1/audit/policy-state', { date, ...asked }), { doing: 'read the policy state' }),
    ...LISTINGS.map(([path]) => call(url(`/v1/${path}`, { ...asked, limit: LISTED }), { doing: 'list the policy facts' })),
  ]);
  return { state, listings };
}

const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

/** One column: every section of the state; with `other`, what differs from it is marked. */
function column(title, { state, listings }, other) {
  const marks = { changed: 0 };
  const sections = SECTIONS.map((section) => {
    const items = section.of(state);
    const others = other ? new Map(section.of(other.state).map((item) => [section.key(item), item])) : undefined;
    const gone = others ? [...others.keys()].filter((key) => !items.some((item) => section.key(item) === key)) : [];
    return h('section', { class: 'policy-section' }, h('h3', {}, `${section.title} (${items.length})`),
      items.length === 0 && gone.length === 0 ? h('p', { class: 'muted' }, 'none in force') : null,
      h('ul', {}, items.map((item) => {
        const was = others?.get(section.key(item));
        const mark = !others ? undefined : was === undefined ? 'added' : same(was, item) ? undefined : 'changed';
        if (mark) marks.changed++;
        return h('li', { class: mark ? `diff ${mark}` : undefined }, mark ? h('span', { class: 'badge' }, mark === 'added' ? 'only at this cut' : 'differs') : null, section.words(item, was), ' ', citation(section.cite(item)));
      }), gone.map((key) => {
        marks.changed++;
        return h('li', { class: 'diff removed' }, h('span', { class: 'badge' }, 'not in force at this cut'), h('strong', {}, key));
      })));
  });
  const known = h('details', { class: 'known' }, h('summary', {}, 'Facts known at this cut, whatever their dates'),
    h('ul', {}, LISTINGS.map(([, label], i) => h('li', {}, h('strong', {}, `${label}: `), listings[i].items.length === 0 ? 'none' : listings[i].items.map((fact, j) => [j ? ', ' : '', h('a', { href: hashOf(`fact/${LISTINGS[i][0]}/${encodeURIComponent(fact.id)}`, { position: state.position }) }, fact.id)]), listings[i].nextCursor ? ` and more (first ${LISTED} shown)` : ''))));
  return {
    marks,
    node: h('div', { class: 'column' }, h('h2', {}, title),
      h('p', { class: 'cut-line' }, `Cut: position ${state.position}. Valid date ${shanghaiDate(state.date)}. Regime applying: ${state.regimeInForce ?? 'none'}.`),
      ...sections, known),
  };
}

/**
 * The policy in force on a valid date as the ledger knew it at a cut (GET /v1/audit/policy-state
 * and the listings), and optionally a second cut beside it with what differs highlighted.
 */
export async function renderTimeMachine(view, { query }) {
  heading(view, 'Time machine', `Choose a knowledge cut (a position on the log, or an instant in ${ZONE}) and a valid date: the policy in force on that date, as the ledger then knew it, each piece citing its event. Add a second cut to compare.`);
  const date = query.get('date') || shanghaiToday();
  const a = cutOf(query, ['position', 'knownAt']);
  if (!a.position && !a.knownAt && chosenCut.get()) a.position = chosenCut.get();
  const b = cutOf(query, ['comparePosition', 'compareKnownAt']);
  const comparing = Boolean(b.position || b.knownAt);
  const state = (changes) => go(hashOf('time-machine', { date, position: a.position, knownAt: a.knownAt, comparePosition: b.position, compareKnownAt: b.knownAt, ...changes }));

  const dateInput = h('input', { type: 'date', value: date, id: 'valid-date' });
  view.append(h('form', { class: 'row date-form', onsubmit: (event) => {
    event.preventDefault();
    state({ date: dateInput.value || shanghaiToday() });
  } }, field(`Valid date (${ZONE} calendar)`, dateInput), h('button', { type: 'submit' }, 'Show this date')));

  const pickers = h('div', { class: 'pickers' });
  view.append(pickers);
  const results = h('div', { class: comparing ? 'compare' : 'single' });
  view.append(results);
  await loadInto(pickers, 'the ledger head', async () => [
    await cutPicker({ label: 'Cut A', idPrefix: 'cut-a', ...a, onChoose: (cut) => {
      chosenCut.set(cut.position ?? '');
      state({ position: cut.position ?? '', knownAt: cut.knownAt ?? '' });
    } }),
    await cutPicker({ label: 'Compare with cut B', idPrefix: 'cut-b', ...b, onChoose: (cut) => state({ comparePosition: cut.position ?? '', compareKnownAt: cut.knownAt ?? '' }) }),
  ]);
  if (comparing) pickers.after(h('p', {}, h('a', { href: hashOf('time-machine', { date, position: a.position, knownAt: a.knownAt }), class: 'button secondary' }, 'Stop comparing')));
  await loadInto(results, `the policy ${cutWords(a)}${comparing ? ` and ${cutWords(b)}` : ''}`, async () => {
    const [left, right] = await Promise.all([loadCut(a, date), comparing ? loadCut(b, date) : undefined]);
    if (!right) return column(`Cut A: ${cutWords(a)}`, left).node;
    const columnA = column(`Cut A: ${cutWords(a)}`, left, right);
    const columnB = column(`Cut B: ${cutWords(b)}`, right, left);
    const differences = columnB.marks.changed;
    return [
      h('p', { class: differences ? 'summary changed' : 'summary' }, differences === 0 ? 'The two cuts agree on the policy in force on this date.' : `${differences} difference${differences === 1 ? '' : 's'} between the cuts on this date, highlighted.`),
      h('div', { class: 'side-by-side' }, columnA.node, columnB.node),
    ];
  });
}
