import { createPublicKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';

/**
 * What the command lines (cli.ts, verify-proof.ts) read from files: JSON documents saved from the
 * ledger's answers and the ledger's public key. A file that cannot be used is a {@link CliError}
 * naming it and why: the command could not verify (exit code 2), which is not a failed check.
 */
export class CliError extends Error {}

function readText(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new CliError(`cannot read ${what} ${path} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
}

/** A JSON file: a checkpoint or a proof as the ledger answered it. */
export function readJsonFile(path: string, what: string): unknown {
  const text = readText(path, what);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new CliError(`${what} ${path} is not JSON (${(error as Error).message})`);
  }
}

/** An Ed25519 public key as PEM (`GET /v1/audit/public-key`'s `publicKeyPem`, or the key file itself). */
export function publicKeyFromPem(pem: string, what: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPublicKey(pem);
  } catch {
    throw new CliError(`${what} is not a PEM key (save the publicKeyPem of GET /v1/audit/public-key)`);
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new CliError(`${what} is not an Ed25519 key (got ${key.asymmetricKeyType ?? 'an unknown type'})`);
  return key;
}

export const readPublicKeyFile = (path: string): KeyObject => publicKeyFromPem(readText(path, 'the public key file'), `the public key file ${path}`);

/** `--name value` options after the command; every name must be known and given once. */
export function parseOptions(args: readonly string[], known: readonly string[], usage: string): Map<string, string[]> {
  const options = new Map<string, string[]>();
  for (let i = 0; i < args.length; i += 2) {
    const [name, value] = [args[i], args[i + 1]];
    if (!name.startsWith('--') || !known.includes(name.slice(2))) throw new CliError(`unknown argument ${name}\n${usage}`);
    if (value === undefined || value.startsWith('--')) throw new CliError(`${name} needs a value\n${usage}`);
    options.set(name.slice(2), [...(options.get(name.slice(2)) ?? []), value]);
  }
  return options;
}
