import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { fileBesideDatabase } from '../config/beside-database.js';
import { DEFAULT_SNAPSHOT_EVERY_EVENTS, DEFAULT_SNAPSHOT_EVERY_SECONDS, LEDGER_CONFIG, type LedgerConfig } from '../config/ledger-config.js';
import { ImageReader, type ImageWriter } from '../common/snapshot-image.js';
import { EVENT_STORE, EventStoreUnavailableError, type EventStore } from '../event-store/event-store.port.js';
import { JsonLogger } from '../logging/json.logger.js';
import { readSnapshotFile, writeSnapshotFile, type EventMark, type SnapshotPartBody } from './snapshot-file.js';
import { snapshotVersion } from './snapshot-version.js';

/** A projection that is saved in the snapshot and restored from it (docs/design.md "Snapshots"). */
export interface SnapshotPart {
  /** Its name in the file. */
  readonly name: string;
  /**
   * Its state now and the last event it applied, captured synchronously (between two events);
   * undefined when it has nothing to save or must not be saved (it stopped on a failure): the
   * snapshot is then saved without it, and it replays the log at the next start.
   */
  capture(): { readonly at: EventMark; readonly image: ImageWriter } | undefined;
}

/** A part as the newest valid snapshot holds it: restore it, then subscribe after `at.position`. */
export interface RestoredPart {
  readonly at: EventMark;
  readonly image: ImageReader;
}

/** What one save did (the bench and the log report it). */
export interface SavedSnapshot {
  readonly position: bigint;
  readonly bytes: number;
  /** How long the capture held the event loop (ms): the rest is written in pieces between other work. */
  readonly blockedMs: number;
  readonly totalMs: number;
}

/** How long to wait before asking an unavailable store again whether the snapshot is of its log. */
const STORE_RETRY_MS = 1000;

/** `LEDGER_SNAPSHOT_PATH`, or `<db>.snapshot` beside an embedded database file; undefined: no snapshot. */
export function snapshotFileOf(config: Pick<LedgerConfig, 'snapshotPath' | 'eventStoreUrl'>): string | undefined {
  if (config.snapshotPath === 'off') return undefined;
  return config.snapshotPath ?? fileBesideDatabase(config.eventStoreUrl, '.snapshot');
}

/**
 * The projection snapshot (docs/design.md "Snapshots"): one file holding every projection that
 * would otherwise replay the whole log at start-up (the legality read model with the knowledge
 * cuts, the access keys, the expiry scheduler's lists), each with the last event it applied.
 *
 * At start-up each part asks {@link restore} for its image: the file is read once, and is used
 * only when its checksum holds, it is of this version of the code, and every part's last event
 * is in the store at its position with its chain hash (else the store was replaced or cut
 * short); otherwise it is ignored with a log line and the parts replay the log. Saved every
 * `LEDGER_SNAPSHOT_EVERY_EVENTS` events the legality read model applies (reported through
 * {@link applied}), every `LEDGER_SNAPSHOT_EVERY_SECONDS` when events came since, once after a
 * long catch-up, and at shutdown; one save at a time.
 */
@Injectable()
export class ProjectionSnapshots implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly parts = new Map<string, SnapshotPart>();
  private readonly path: string | undefined;
  private readonly everyEvents: number;
  private readonly everySeconds: number;
  private loading?: Promise<ReadonlyMap<string, SnapshotPartBody>>;
  private saving?: Promise<SavedSnapshot | undefined>;
  private sinceSave = 0;
  private timer?: ReturnType<typeof setInterval>;
  private closing = false;
  private live = false;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(LEDGER_CONFIG) config: LedgerConfig,
    private readonly logger: JsonLogger,
  ) {
    this.path = snapshotFileOf(config);
    this.everyEvents = config.snapshotEveryEvents ?? DEFAULT_SNAPSHOT_EVERY_EVENTS;
    this.everySeconds = config.snapshotEverySeconds ?? DEFAULT_SNAPSHOT_EVERY_SECONDS;
  }

  /** The snapshot file, if this ledger keeps one. */
  get file(): string | undefined {
    return this.path;
  }

  register(part: SnapshotPart): void {
    this.parts.set(part.name, part);
  }

  /** The part's image from the snapshot, or undefined (no snapshot, or one ignored: logged once). */
  async restore(name: string): Promise<RestoredPart | undefined> {
    this.loading ??= this.load();
    const body = (await this.loading).get(name);
    return body && { at: body.at, image: new ImageReader(body.bytes) };
  }

  /**
   * The legality read model applied an event: every `LEDGER_SNAPSHOT_EVERY_EVENTS` of them, once
   * it has caught up, a snapshot is saved (not during the catch-up: each would be bigger than
   * the last, and the next one comes soon).
   */
  applied(): void {
    this.sinceSave++;
    if (this.live) this.saveIfDue();
  }

  /** The legality read model has caught up: a long catch-up is saved at once, so the next start is short. */
  caughtUp(): void {
    this.live = true;
    this.saveIfDue();
  }

  onApplicationBootstrap(): void {
    if (this.path === undefined || this.everySeconds === 0) return;
    this.timer = setInterval(() => {
      if (this.sinceSave > 0) this.saveInBackground();
    }, this.everySeconds * 1000);
    this.timer.unref();
  }

  /** At shutdown (after the subscriptions stopped, before the store closes): the last save, when events came since. */
  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.saving?.catch(() => undefined);
    if (this.sinceSave > 0) await this.save().catch(() => undefined);
    this.closing = true;
  }

  /**
   * Saves a snapshot now (after the one being written, if any). Answers what it did, or undefined
   * when there is no file or no part has anything to save.
   */
  save(): Promise<SavedSnapshot | undefined> {
    const previous = this.saving ?? Promise.resolve(undefined);
    const next = previous.catch(() => undefined).then(() => this.saveNow());
    this.saving = next;
    next.then(
      () => this.saved(next),
      () => this.saved(next),
    );
    return next;
  }

  private saved(save: Promise<unknown>): void {
    if (this.saving === save) this.saving = undefined;
  }

  private saveIfDue(): void {
    if (this.everyEvents > 0 && this.sinceSave >= this.everyEvents) this.saveInBackground();
  }

  private saveInBackground(): void {
    if (this.saving !== undefined || this.closing) return; // one at a time; the next trigger saves what came meanwhile
    this.save().catch(() => undefined);
  }

  private async saveNow(): Promise<SavedSnapshot | undefined> {
    const path = this.path;
    if (path === undefined || this.parts.size === 0) return undefined;
    const started = performance.now();
    const captured = [];
    for (const part of this.parts.values()) {
      const image = part.capture();
      if (image !== undefined) captured.push({ name: part.name, at: image.at, chunks: image.image.chunks });
    }
    if (captured.length === 0) return undefined;
    const since = this.sinceSave;
    this.sinceSave = 0;
    const blockedMs = performance.now() - started;
    const position = captured.reduce((max, part) => (part.at.position > max ? part.at.position : max), 0n);
    try {
      const bytes = await writeSnapshotFile(path, snapshotVersion(), captured, new Date());
      const saved = { position, bytes, blockedMs, totalMs: performance.now() - started };
      this.logger.write('info', 'snapshot', `projection snapshot saved at position ${position}`, { file: path, bytes, blockedMs: Math.round(blockedMs), totalMs: Math.round(saved.totalMs) });
      return saved;
    } catch (error) {
      this.sinceSave += since; // not saved: count them towards the next try
      this.logger.write('error', 'snapshot', `saving the projection snapshot failed: ${(error as Error).message}`, { file: path });
      throw error;
    }
  }

  private async load(): Promise<ReadonlyMap<string, SnapshotPartBody>> {
    const none = new Map<string, SnapshotPartBody>();
    if (this.path === undefined) return none;
    const started = performance.now();
    const reading = await readSnapshotFile(this.path, snapshotVersion());
    if (reading.kind === 'missing') return none;
    const ignore = (reason: string) => {
      this.logger.write('warn', 'snapshot', `projection snapshot ignored: ${reason}; replaying the log`, { file: this.path });
      return none;
    };
    if (reading.kind === 'invalid') return ignore(reading.reason);
    const problem = await this.checkAgainstStore(reading.parts);
    if (problem !== undefined) return ignore(problem);
    const position = reading.parts.reduce((max, part) => (part.at.position > max ? part.at.position : max), 0n);
    this.logger.write('info', 'snapshot', `projection snapshot read: catching up from position ${position}`, {
      file: this.path,
      savedAt: reading.savedAt,
      bytes: reading.bytes,
      ms: Math.round(performance.now() - started),
    });
    return new Map(reading.parts.map((part) => [part.name, part]));
  }

  /** Why the snapshot is not of this store's log (undefined when it is): each part's last event must be there, as it was. */
  private async checkAgainstStore(parts: readonly SnapshotPartBody[]): Promise<string | undefined> {
    for (;;) {
      try {
        const head = (await this.store.headPosition()) ?? 0n;
        for (const { name, at } of parts) {
          if (at.position > head) return `its ${name} part stands at position ${at.position}, beyond the store's head (${head}): the store was replaced or cut short`;
          const [event] = await this.store.readAll({ fromPosition: at.position, maxCount: 1 }).catch((error: unknown) => {
            if (error instanceof EventStoreUnavailableError) throw error;
            return [];
          });
          if (event === undefined || event.position !== at.position || event.id !== at.eventId || event.hash !== at.hash) {
            return `the store holds another event at position ${at.position} than its ${name} part applied last: the store was replaced or rewritten`;
          }
        }
        return undefined;
      } catch (error) {
        if (!(error instanceof EventStoreUnavailableError) || this.closing) throw error;
        await new Promise((resolve) => setTimeout(resolve, STORE_RETRY_MS));
      }
    }
  }
}
