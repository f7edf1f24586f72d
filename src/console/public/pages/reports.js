import { call, session, url } from '../api.js';
import { h, fill, field, table } from '../dom.js';
import { instantFromShanghaiLocal, shanghaiInstant, ZONE } from '../format.js';
import { go, hashOf } from '../router.js';
import { errorBox, heading, loadInto } from './common.js';

/** Each kind and its parameters (docs/api.md §14); `optional` ones may be left empty. */
const KINDS = {
  'company-transfers': { title: 'A company\'s transfers in a period', parameters: [['companyId', 'Company id'], ['from', 'From', 'date'], ['to', 'To (inclusive)', 'date']] },
  'illegal-transfers': { title: 'Illegal transfers in a period', parameters: [['from', 'From', 'date'], ['to', 'To (inclusive)', 'date'], ['companyId', 'Company id', 'text', true]] },
  'zone-pilot': { title: 'What a zone\'s data list lifted', parameters: [['listId', 'Data list id'], ['from', 'From', 'date'], ['to', 'To (inclusive)', 'date']] },
  'verdict-drift': { title: 'Verdicts that changed between two cuts', parameters: [['fromPosition', 'From position', 'number'], ['toPosition', 'To position (the report\'s cut)', 'number'], ['companyId', 'Company id', 'text', true]], noCut: true },
  'policy-changes': { title: 'Policy changes recorded in a period', parameters: [['recordedFrom', `Recorded from (${ZONE})`, 'datetime-local', true], ['recordedTo', `Recorded to (${ZONE})`, 'datetime-local', true]] },
};
const SERVICE_KINDS = ['company-transfers', 'illegal-transfers'];

/** Downloads a rendering with the key in the Authorization header (fetch + Blob: never a key in a URL). */
async function download(report, format, status) {
  fill(status, h('span', { class: 'loading' }, `Rendering ${report.reportId} as ${format.toUpperCase()}…`));
  try {
    const response = await call(url(`/v1/reports/${encodeURIComponent(report.reportId)}`, { format }), { doing: 'read this report', raw: true });
    const blob = await response.blob();
    const digest = format === 'csv' ? response.headers.get('X-Content-SHA256') : JSON.parse(await blob.text()).contentSha256;
    const link = h('a', { href: URL.createObjectURL(blob), download: `${report.reportId}.${format}` });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
    fill(status, `Downloaded ${report.reportId}.${format} (${blob.size} bytes, SHA-256 ${digest}).`);
  } catch (error) {
    fill(status, errorBox(error));
  }
}

/** Requests a report (POST /v1/reports) and downloads the reports requested, as JSON or CSV. */
export async function renderReports(view, { query }) {
  heading(view, 'Reports', 'A report is recorded with its knowledge cut, so it renders to the same bytes every time, whatever is recorded later. Request one, then download it as JSON or CSV.');
  const service = session.identity?.role === 'service';
  const kinds = Object.keys(KINDS).filter((kind) => !service || SERVICE_KINDS.includes(kind));
  const kind = kinds.includes(query.get('kind')) ? query.get('kind') : kinds[0];
  const spec = KINDS[kind];

  const kindSelect = h('select', { id: 'report-kind', onchange: () => go(hashOf('reports', { kind: kindSelect.value })) }, kinds.map((k) => h('option', { value: k, selected: k === kind }, `${k}: ${KINDS[k].title}`)));
  const inputs = spec.parameters.map(([name, label, type = 'text', optional]) => [name, type, field(`${label}${optional ? ' (optional)' : ''}`, h('input', { type, name, required: !optional, value: service && name === 'companyId' ? session.identity.companyId : '' }))]);
  const cut = h('input', { type: 'number', min: '0', id: 'report-cut', inputmode: 'numeric' });
  const message = h('div', { 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit' }, 'Request report');
  view.append(h('form', { class: 'card', onsubmit: async (event) => {
    event.preventDefault();
    const parameters = {};
    for (const [name, type, wrapper] of inputs) {
      const value = wrapper.querySelector('input').value.trim();
      if (value) parameters[name] = type === 'datetime-local' ? instantFromShanghaiLocal(value) : value;
    }
    submit.disabled = true;
    fill(message, h('p', { class: 'loading' }, 'Recording the request…'));
    try {
      const answer = await call('/v1/reports', { method: 'POST', body: { kind, parameters, ...(cut.value && !spec.noCut ? { position: cut.value } : {}) }, doing: `request ${kind} reports` });
      fill(message, h('p', { class: 'ok' }, `Report ${answer.reportId} recorded at cut ${answer.cut}. It is listed below.`));
      await listReports();
    } catch (error) {
      fill(message, errorBox(error));
    } finally {
      submit.disabled = false;
    }
  } },
  h('h2', {}, 'Request a report'), field('Kind', kindSelect),
  h('div', { class: 'row' }, inputs.map(([, , wrapper]) => wrapper), spec.noCut ? null : field('Cut (position)', cut, 'empty: the head')),
  submit, message));

  const list = h('section', { 'aria-label': 'Reports requested' });
  const status = h('div', { class: 'download-status', 'aria-live': 'polite' });
  view.append(h('h2', {}, 'Reports requested'), status, list);
  const listReports = () => loadInto(list, 'the reports requested', async () => {
    const page = await call(url('/v1/reports', { limit: 100, cursor: query.get('cursor') ?? '' }), { doing: 'list reports' });
    if (page.items.length === 0) return h('p', { class: 'empty' }, 'No report requested yet.');
    return [
      table(`Reports requested up to position ${page.cut}`, ['Report', 'Kind', 'Parameters', 'Cut', `Requested (${ZONE})`, 'By', 'Download'], page.items.map((r) => [
        h('code', {}, r.reportId), r.kind, Object.entries(r.parameters).map(([k, v]) => `${k} ${v}`).join(', '), r.cut, shanghaiInstant(r.requestedAt), r.requestedBy.keyId,
        h('span', { class: 'buttons' }, h('button', { type: 'button', class: 'small', onclick: () => download(r, 'json', status) }, 'JSON'), h('button', { type: 'button', class: 'small', onclick: () => download(r, 'csv', status) }, 'CSV')),
      ])),
      page.nextCursor ? h('a', { class: 'button', href: hashOf('reports', { kind, cursor: page.nextCursor }) }, 'More reports →') : null,
    ];
  });
  await listReports();
}
