import { call } from '../api.js';
import { table } from '../dom.js';
import { shanghaiInstant, ZONE } from '../format.js';
import { heading, loadInto } from './common.js';
import { h } from '../dom.js';

/** The keys the ledger accepts or accepted (GET /v1/keys, role admin): never a key itself. */
export async function renderKeys(view) {
  heading(view, 'Keys', 'Who may call the ledger: configured, generated and issued keys, revoked ones included. Issue and revoke keys with POST /v1/keys and DELETE /v1/keys/{keyId} (docs/api.md §12).');
  const body = h('div', {});
  view.append(body);
  await loadInto(body, 'keys', async () => {
    const { items } = await call('/v1/keys', { doing: 'list the access keys' });
    return table(`${items.length} keys`, ['Key id', 'Role', 'Company', 'Label', 'Source', `Issued (${ZONE})`, 'Revoked'], items.map((k) => [
      h('code', {}, k.keyId), k.role, k.companyId ?? '—', k.label ?? '—', k.source, k.issuedAt ? `${shanghaiInstant(k.issuedAt)} by ${k.issuedBy}` : '—', k.revoked ? `revoked ${shanghaiInstant(k.revokedAt)} by ${k.revokedBy}` : 'no',
    ]));
  });
}
