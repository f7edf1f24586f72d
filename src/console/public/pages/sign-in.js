import { call, session } from '../api.js';
import { h, fill, field } from '../dom.js';
import { errorBox, heading } from './common.js';

/** The key is checked with `GET /v1/keys/me` (every role may ask; a wrong key is a 401). */
export async function renderSignIn(main, { onSignedIn }) {
  const view = h('div', { class: 'page narrow' });
  fill(main, view);
  heading(view, 'Sign in', 'Give your API key. The console keeps it in this browser tab only (sessionStorage) and sends it to the ledger in the Authorization header; it is forgotten when the tab closes.');
  const key = h('input', { type: 'password', id: 'api-key', name: 'api-key', autocomplete: 'off', spellcheck: 'false', required: true, minlength: '1' });
  const message = h('div', { id: 'sign-in-message', 'aria-live': 'assertive' });
  const button = h('button', { type: 'submit' }, 'Sign in');
  const notice = document.getElementById('status').textContent;
  view.append(
    h('form', { class: 'card', onsubmit: async (event) => {
      event.preventDefault();
      button.disabled = true;
      fill(message, h('p', { class: 'loading' }, 'Checking the key…'));
      try {
        const identity = await call('/v1/keys/me', { doing: 'sign in', key: key.value });
        session.signIn(key.value, identity);
        document.getElementById('status').textContent = '';
        onSignedIn(identity);
      } catch (error) {
        fill(message, errorBox(error));
        key.focus();
        key.select();
      } finally {
        button.disabled = false;
      }
    } },
    field('API key', key, 'Regulator, auditor, service or admin key. On the first start the ledger prints one key per role and keeps them in the key file beside its database (data/ledger.keys.json).'),
    button,
    message),
  );
  if (notice) message.append(h('p', { class: 'notice' }, notice));
  key.focus();
}
