import { randomBytes } from 'node:crypto';
import { closeSync, linkSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';

/**
 * The file `<name><suffix>` beside an embedded SQLite database (`sqlite:data/ledger.sqlite`,
 * `.keys.json` → `data/ledger.keys.json`): where the embedded ledger keeps the secrets it
 * generates. Undefined for an in-memory or EventStoreDB store.
 */
export function fileBesideDatabase(eventStoreUrl: string, suffix: string): string | undefined {
  if (!eventStoreUrl.startsWith('sqlite:') || eventStoreUrl === 'sqlite::memory:') return undefined;
  const path = eventStoreUrl.slice('sqlite:'.length).replace(/\?.*$/, '');
  return join(dirname(path), `${basename(path, extname(path))}${suffix}`);
}

/**
 * Writes `content` to `file` unless the file exists; answers true when this call created it.
 * The content goes to a temporary file opened with mode 0600 (owner-only from its creation,
 * never chmod'ed afterwards) and is then hard-linked into place, which fails if the file exists:
 * two instances starting at once agree on one file, and no reader ever sees it half-written.
 * Used for the secrets generated beside an embedded database (API keys, the signing key).
 */
export function createOwnerOnlyFile(file: string, content: string): boolean {
  mkdirSync(dirname(file), { recursive: true });
  try {
    readFileSync(file);
    return false;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const fd = openSync(temporary, 'wx', 0o600);
  try {
    writeSync(fd, content);
  } finally {
    closeSync(fd);
  }
  try {
    linkSync(temporary, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    unlinkSync(temporary);
  }
}
