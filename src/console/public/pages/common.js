// What every page shares: its heading, loading and error states, and the knowledge cut chosen.
import { ApiError, headPosition } from '../api.js';
import { h, fill, field } from '../dom.js';
import { instantFromShanghaiLocal, ZONE } from '../format.js';

export function heading(view, title, intro) {
  view.append(h('h1', { tabindex: '-1' }, title));
  if (intro) view.append(h('p', { class: 'intro' }, intro));
}

/** A region that shows "Loading …" while `work` runs, then what it returns, or the error in words. */
export async function loadInto(container, text, work) {
  container.setAttribute('aria-busy', 'true');
  fill(container, h('p', { class: 'loading' }, h('span', { class: 'spinner', 'aria-hidden': 'true' }), `Loading ${text}…`));
  try {
    const content = await work();
    fill(container, content);
    return true;
  } catch (error) {
    fill(container, errorBox(error));
    return false;
  } finally {
    container.removeAttribute('aria-busy');
  }
}

const TITLES = { 401: 'Key refused.', 403: 'Not allowed.', 400: 'Refused.' };

export function errorBox(error) {
  const message = error instanceof ApiError || error instanceof Error ? error.message : String(error);
  return h('div', { class: 'error', role: 'alert' }, h('strong', {}, `${TITLES[error?.status] ?? 'Could not load.'} `), message);
}

const CUT = 'ledger.cut';

/** The knowledge cut the user chose (a position), shared by the time machine and the transfer pages. */
export const chosenCut = {
  get: () => sessionStorage.getItem(CUT) ?? '',
  set: (position) => (position ? sessionStorage.setItem(CUT, position) : sessionStorage.removeItem(CUT)),
};

/**
 * A knowledge cut chooser: a slider over the log's positions (0 … head) with the position typed
 * beside it, or an instant (Shanghai time). Calls `onChoose({position} | {knownAt})`.
 */
export async function cutPicker({ label, position, knownAt, onChoose, idPrefix }) {
  const head = BigInt(await headPosition());
  const start = position !== undefined && position !== '' ? position : knownAt ? '' : head.toString();
  const max = head > 0n ? head.toString() : '0';
  const slider = h('input', { type: 'range', min: '0', max, step: '1', value: start || max, id: `${idPrefix}-slider`, 'aria-label': `${label}: position on the log` });
  const number = h('input', { type: 'number', min: '0', max, step: '1', value: start, id: `${idPrefix}-position`, inputmode: 'numeric' });
  const instant = h('input', { type: 'datetime-local', step: '1', id: `${idPrefix}-instant`, value: knownAt ? knownAt.slice(0, 19) : '' });
  slider.addEventListener('input', () => {
    number.value = slider.value;
    instant.value = '';
  });
  number.addEventListener('input', () => {
    slider.value = number.value;
    if (number.value) instant.value = '';
  });
  const form = h(
    'form',
    { class: 'cut', onsubmit: (event) => {
      event.preventDefault();
      if (instant.value) onChoose({ knownAt: instantFromShanghaiLocal(instant.value) });
      else onChoose({ position: number.value || max });
    } },
    h('fieldset', {}, h('legend', {}, label),
      h('div', { class: 'slider' }, h('span', { 'aria-hidden': 'true' }, '0'), slider, h('span', { 'aria-hidden': 'true' }, `${max} (head)`)),
      h('div', { class: 'row' },
        field('Position', number, `0 to ${max}; the cut holds every event at or before it`),
        field(`or an instant (${ZONE})`, instant, 'the last event recorded at or before it'),
        h('button', { type: 'submit' }, 'Apply cut'))),
  );
  return form;
}

/** "position 12" / "as known at 2024-… Asia/Shanghai" / "now (the head)". */
export const cutWords = ({ position, knownAt }) => (position ? `as known at position ${position}` : knownAt ? `as known at ${knownAt}` : 'as known now (the head)');
