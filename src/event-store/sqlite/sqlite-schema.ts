import type Database from 'better-sqlite3';

/**
 * The embedded store's schema: one table, the global log. `position` is the INTEGER PRIMARY KEY
 * (the rowid), so the log is stored in position order and a read from a position is a range scan.
 * AUTOINCREMENT: a position is never handed out twice, even if the last row were deleted.
 * Unique (stream, revision) enforces one event per revision; unique id is the idempotency key.
 */
export const EVENTS_SCHEMA = `
CREATE TABLE IF NOT EXISTS events (
  position    INTEGER PRIMARY KEY AUTOINCREMENT,
  id          TEXT    NOT NULL,
  stream      TEXT    NOT NULL,
  revision    INTEGER NOT NULL,
  type        TEXT    NOT NULL,
  data        TEXT    NOT NULL,
  metadata    TEXT    NOT NULL,
  recorded_at INTEGER NOT NULL,
  hash        TEXT    NOT NULL
) STRICT;
CREATE UNIQUE INDEX IF NOT EXISTS events_by_stream ON events (stream, revision);
CREATE UNIQUE INDEX IF NOT EXISTS events_by_id ON events (id);
`;

/**
 * How much a commit survives (PRAGMA synchronous, in WAL mode):
 * - `normal` (the default): a commit survives the process crashing or being killed (kill -9),
 *   because it is in the WAL file the moment COMMIT returns; on power loss or an OS crash the
 *   last transactions before the WAL was synced may be lost (the database stays consistent).
 * - `full`: the WAL is synced to disk at every commit, so a commit also survives power loss, at
 *   the cost of one fsync per append.
 */
export type Synchronous = 'normal' | 'full';

/** Milliseconds a writer waits for another connection's (or process's) write lock before failing. */
export const BUSY_TIMEOUT_MS = 5000;

/** Opens the connection's settings and creates the schema if the file is new. */
export function prepareDatabase(db: Database.Database, synchronous: Synchronous, busyTimeoutMs = BUSY_TIMEOUT_MS): void {
  // busy_timeout first: switching to WAL and creating the schema may meet another process's lock.
  db.pragma(`busy_timeout = ${Math.max(0, Math.floor(busyTimeoutMs))}`);
  db.pragma('journal_mode = WAL'); // answers 'memory' for an in-memory database, which is fine
  db.pragma(`synchronous = ${synchronous === 'full' ? 'FULL' : 'NORMAL'}`);
  db.transaction(() => db.exec(EVENTS_SCHEMA)).immediate();
}
