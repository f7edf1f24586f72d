// The console's shell: sign-in, the navigation and a hash router (#/timeline?…), so that every
// page's state is in its address (bookmarkable, Back works) while the key never is.
import { session } from './api.js';
import { h, fill } from './dom.js';
import { go } from './router.js';
import { renderSignIn } from './pages/sign-in.js';
import { renderTimeline } from './pages/timeline.js';
import { renderTimeMachine } from './pages/time-machine.js';
import { renderTransfers } from './pages/transfers.js';
import { renderTransfer } from './pages/transfer.js';
import { renderFact } from './pages/fact.js';
import { renderReports } from './pages/reports.js';
import { renderIntegrity } from './pages/integrity.js';
import { renderKeys } from './pages/keys.js';

const PAGES = [
  { path: 'timeline', title: 'Timeline', render: renderTimeline },
  { path: 'time-machine', title: 'Time machine', render: renderTimeMachine },
  { path: 'transfers', title: 'Transfers', render: renderTransfers },
  { path: 'reports', title: 'Reports', render: renderReports },
  { path: 'integrity', title: 'Integrity', render: renderIntegrity },
  { path: 'keys', title: 'Keys', render: renderKeys },
];
const HIDDEN = [
  { path: 'transfer', title: 'Transfer', render: renderTransfer, parent: 'transfers' },
  { path: 'fact', title: 'Fact', render: renderFact, parent: 'time-machine' },
];

/** The first page for a role: the one its key may use. */
const HOME = { regulator: 'timeline', auditor: 'timeline', service: 'transfers', admin: 'keys' };

/** `#/transfer/t-1?position=5` → {path: 'transfer', segments: ['t-1'], query: URLSearchParams} */
function route() {
  const [pathPart, queryPart = ''] = location.hash.replace(/^#\/?/, '').split('?');
  const [path, ...segments] = pathPart.split('/').map((s) => decodeURIComponent(s));
  return { path, segments, query: new URLSearchParams(queryPart) };
}

function renderHeader(active) {
  const identity = session.identity;
  const nav = document.getElementById('nav');
  const who = document.getElementById('who');
  nav.hidden = !identity;
  if (!identity) {
    fill(nav);
    fill(who);
    return;
  }
  fill(nav, h('ul', {}, PAGES.map((page) => h('li', {}, h('a', { href: `#/${page.path}`, 'aria-current': page.path === active ? 'page' : undefined }, page.title)))));
  fill(
    who,
    h('span', {}, 'Signed in: ', h('strong', {}, identity.role), identity.companyId ? ` for ${identity.companyId}` : '', h('span', { class: 'muted' }, ` (${identity.keyId})`)),
    ' ',
    h('button', { type: 'button', class: 'link', onclick: () => signOut('Signed out.') }, 'Sign out'),
  );
}

function signOut(message) {
  session.signOut();
  document.getElementById('status').textContent = message ?? '';
  location.hash = '#/sign-in';
  render();
}

let renderSequence = 0;
let lastPath;

async function render() {
  const main = document.getElementById('main');
  const { path, segments, query } = route();
  const identity = session.identity;
  if (!identity || path === 'sign-in' || path === '') {
    if (identity && path !== 'sign-in') return go(`#/${HOME[identity.role] ?? 'timeline'}`);
    renderHeader();
    document.title = 'Sign in · Ledger console';
    await renderSignIn(main, { onSignedIn: (who) => go(`#/${HOME[who.role] ?? 'timeline'}`) });
    return;
  }
  const page = [...PAGES, ...HIDDEN].find((p) => p.path === path);
  if (!page) return go(`#/${HOME[identity.role] ?? 'timeline'}`);
  renderHeader(page.parent ?? page.path);
  document.title = `${page.title} · Ledger console`;
  const sequence = ++renderSequence;
  const view = h('div', { class: 'page' });
  fill(main, view);
  // A page renders into its own element; a later navigation replaces it, so a slow answer of an
  // earlier page never lands on the next one.
  await page.render(view, { segments, query, isCurrent: () => sequence === renderSequence });
  // Moving to another page puts the focus on its heading (a screen reader reads where it is);
  // a new page of the same listing keeps the focus where the user is.
  if (sequence === renderSequence && lastPath !== path) main.querySelector('h1')?.focus({ preventScroll: true });
  lastPath = path;
}

// The skip link moves the focus to the content itself: as a plain `#main` link it would be read as a route.
document.querySelector('.skip').addEventListener('click', (event) => {
  event.preventDefault();
  document.getElementById('main').focus();
});
window.addEventListener('hashchange', () => void render());
window.addEventListener('ledger:signed-out', (event) => signOut(event.detail));
void render();
