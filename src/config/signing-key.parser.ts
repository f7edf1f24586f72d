import { createPrivateKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';

/** How to make a key the ledger accepts, for error messages. */
export const SIGNING_KEY_HINT = 'an Ed25519 private key in PKCS#8 PEM, e.g. from `openssl genpkey -algorithm ed25519`';

/** The key of a PEM text, or why it is not an Ed25519 private key (the key itself is never echoed). */
export function parseSigningKeyPem(pem: string, source: string): { key?: KeyObject; problem?: string } {
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: pem, format: 'pem' });
  } catch {
    return { problem: `${source} is not a PEM private key: give ${SIGNING_KEY_HINT}` };
  }
  if (key.asymmetricKeyType !== 'ed25519') return { problem: `${source} must be an Ed25519 private key (got ${key.asymmetricKeyType ?? 'an unknown type'}): give ${SIGNING_KEY_HINT}` };
  return { key };
}

/**
 * `LEDGER_SIGNING_KEY` (docs/api.md §2): the PEM itself (newlines may be written as `\n`, as
 * environment files often need) or the path of a PEM file. Answers the key as PKCS#8 PEM, or the
 * problem naming the variable and the reason.
 */
export function readSigningKey(value: string, source = 'LEDGER_SIGNING_KEY'): { pem?: string; problem?: string } {
  let pem = value;
  if (!value.startsWith('-----BEGIN')) {
    try {
      pem = readFileSync(value, 'utf8');
    } catch (error) {
      return { problem: `${source} is neither a PEM key nor the path of a readable file (${(error as NodeJS.ErrnoException).code ?? 'unreadable'})` };
    }
  }
  const { key, problem } = parseSigningKeyPem(pem.replace(/\\n/g, '\n'), source);
  return key ? { pem: key.export({ type: 'pkcs8', format: 'pem' }).toString() } : { problem };
}
