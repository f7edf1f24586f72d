import { call } from '../api.js';
import { h } from '../dom.js';
import { shanghaiInstant } from '../format.js';
import { citation } from '../policy-words.js';
import { heading, loadInto } from './common.js';

const base64 = (text) => Uint8Array.from(atob(text.replace(/\s+/g, '')), (c) => c.charCodeAt(0));

/** The checkpoint's signature checked here, in the browser (Ed25519 over its canonical JSON: docs/api.md §9). */
async function signatureHolds(checkpoint, publicKeyPem) {
  if (!crypto.subtle) return 'cannot be checked here (this page is not served over a secure origin)';
  try {
    const der = base64(publicKeyPem.replace(/-----[^-]+-----/g, ''));
    const key = await crypto.subtle.importKey('spki', der, { name: 'Ed25519' }, false, ['verify']);
    const signed = JSON.stringify({ position: checkpoint.position, rootHash: checkpoint.rootHash, timestamp: checkpoint.timestamp, treeSize: checkpoint.treeSize });
    return (await crypto.subtle.verify({ name: 'Ed25519' }, key, base64(checkpoint.signature), new TextEncoder().encode(signed))) ? 'holds' : 'DOES NOT HOLD';
  } catch {
    return 'cannot be checked in this browser (no Ed25519 in Web Crypto): use npm run verify-proof';
  }
}

/** The latest signed checkpoint and the key it is signed with; the hash chains verified on request. */
export async function renderIntegrity(view) {
  heading(view, 'Integrity', 'Whether the log is what was written: its latest signed checkpoint (the Merkle root of the log), the key that signs it, and a verification of every hash chain.');
  const checkpointArea = h('section', { 'aria-label': 'Checkpoint' });
  const verification = h('section', { 'aria-label': 'Verification' });
  view.append(checkpointArea, verification);
  await loadInto(checkpointArea, 'the latest checkpoint', async () => {
    const [checkpoint, publicKey] = await Promise.all([call('/v1/audit/checkpoint', { doing: 'read checkpoints' }), call('/v1/audit/public-key', { doing: 'read the public key' })]);
    const holds = await signatureHolds(checkpoint, publicKey.publicKeyPem);
    return [
      h('h2', {}, 'Latest checkpoint (the head)'),
      h('dl', { class: 'facts' },
        h('dt', {}, 'Events covered'), h('dd', {}, String(checkpoint.treeSize)),
        h('dt', {}, 'Last event'), h('dd', {}, `position ${checkpoint.position}, recorded ${shanghaiInstant(checkpoint.timestamp)} `, checkpoint.position !== '0' ? citation({ position: checkpoint.position }) : null),
        h('dt', {}, 'Root hash'), h('dd', {}, h('code', { class: 'hash' }, checkpoint.rootHash)),
        h('dt', {}, 'Signature'), h('dd', {}, h('code', { class: 'hash' }, checkpoint.signature)),
        h('dt', {}, 'Signature check'), h('dd', { class: holds === 'holds' ? 'ok' : 'bad' }, holds)),
      h('h2', {}, `Public key (${publicKey.algorithm})`),
      h('pre', { class: 'json' }, publicKey.publicKeyPem),
      h('p', { class: 'muted' }, 'Keep a copy of the key and of checkpoints: npm run verify -- --checkpoint saved.json checks a store against one offline.'),
    ];
  });
  const result = h('div', { 'aria-live': 'polite' });
  const button = h('button', { type: 'button', onclick: async () => {
    button.disabled = true;
    await loadInto(result, 'the verification of every hash chain (this reads the whole log on the ledger and may take a while)', async () => {
      const v = await call('/v1/audit/verification', { doing: 'verify the log' });
      return h('div', { class: v.ok ? 'result ok-box' : 'result bad-box', role: 'status' },
        h('p', {}, h('strong', {}, v.ok ? 'Verified: every hash chain recomputes.' : 'NOT verified.'), ` ${v.eventsChecked} events in ${v.streams} streams checked, up to position ${v.headPosition ?? '—'}.`),
        v.firstProblem ? h('p', {}, `First problem: ${v.firstProblem.problem} in stream ${v.firstProblem.stream}, revision ${v.firstProblem.revision}, at position ${v.firstProblem.position}: ${v.firstProblem.detail}`) : null);
    });
    button.disabled = false;
  } }, 'Verify every hash chain now');
  verification.append(h('h2', {}, 'Hash chains'), h('p', {}, 'The ledger recomputes every event\'s hash over the whole log (GET /v1/audit/verification); on a large log this takes a while, so it runs only when asked.'), button, result);
}
