import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { endianness } from 'node:os';
import { extname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folders (under src/) whose code makes what a snapshot holds: the projections, what they
 * are built of (the domain they evolve, the common columns, tree and time), the knowledge cuts,
 * the access keys, the expiry scheduler's tracking, and the snapshot code itself.
 */
const PROJECTION_FOLDERS = ['common', 'knowledge-cut', 'legality/domain', 'legality/projections', 'policy/domain', 'policy/expiry', 'transfers/domain', 'access', 'snapshot'];
/** And the files: the shape of the events they read. */
const PROJECTION_FILES = ['event-store/event-store.port'];

/** The folder this module runs from is `<root>/snapshot/` (src/ under ts-jest, dist/src/ when built). */
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OWN_EXTENSION = extname(fileURLToPath(import.meta.url));

const filesOf = (path: string): string[] =>
  readdirSync(path, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? filesOf(join(path, entry.name)) : [join(path, entry.name)]));

let computed: string | undefined;

/**
 * The version a snapshot is written with and must be read with (docs/design.md "Snapshots"):
 * the SHA-256 of the code of the projections as it runs, file by file (the compiled JavaScript
 * when built, the TypeScript sources under ts-jest), with the byte order of the machine (columns
 * are saved as they sit in memory). Any change to how a projection evolves or how it saves and
 * reads its image changes a file hashed here, so a snapshot of other code is never read: there
 * is no constant to forget to bump. A change elsewhere (say a comment) costs one full replay at
 * the next start, which is safe. Read once per process (about a hundred small files).
 */
export function snapshotVersion(): string {
  if (computed !== undefined) return computed;
  const hash = createHash('sha256').update(`ledger-snapshot\0${endianness()}\0`);
  const files = [...PROJECTION_FOLDERS.flatMap((folder) => filesOf(join(ROOT, folder))), ...PROJECTION_FILES.map((file) => join(ROOT, `${file}${OWN_EXTENSION}`))]
    .filter((file) => extname(file) === OWN_EXTENSION && !file.endsWith(`.d${OWN_EXTENSION}`))
    .sort();
  for (const file of files) hash.update(relative(ROOT, file)).update('\0').update(readFileSync(file)).update('\0');
  computed = hash.digest('hex');
  return computed;
}
