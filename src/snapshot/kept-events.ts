import { ImageWriter } from '../common/snapshot-image.js';
import type { JsonObject, RecordedEvent } from '../event-store/event-store.port.js';
import type { SnapshotPart, RestoredPart } from './projection-snapshots.js';
import type { EventMark } from './snapshot-file.js';

interface KeptEventJson {
  readonly id: string;
  readonly type: string;
  readonly stream: string;
  readonly revision: string;
  readonly position: string;
  readonly recordedAt: string;
  readonly data: JsonObject;
  readonly metadata: JsonObject;
  readonly hash: string;
}

/**
 * The snapshot of a small projection (the access keys, the expiry scheduler's data lists): the
 * few events it is built of, which a restore hands back to it to apply again through its own
 * code, and the last event it saw, from which its subscription goes on. Whatever it keeps,
 * then, a restore rebuilds it exactly as a replay would, only without reading the whole log.
 */
export class KeptEvents implements Pick<SnapshotPart, 'capture'> {
  private kept: RecordedEvent[] = [];
  private last?: EventMark;

  /** The projection saw this event (every event, in log order); `keep`: it is one it is built of. */
  note(event: RecordedEvent, keep: boolean): void {
    if (keep) this.kept.push(event);
    this.last = { position: event.position, eventId: event.id, hash: event.hash };
  }

  capture(): { at: EventMark; image: ImageWriter } | undefined {
    if (this.last === undefined) return undefined;
    const image = new ImageWriter();
    image.json(this.kept.map((event): KeptEventJson => ({ ...event, revision: event.revision.toString(), position: event.position.toString(), recordedAt: event.recordedAt.toISOString() })));
    return { at: this.last, image };
  }

  /** The events of a restored part, to apply in order (they are kept again here). */
  restore(part: RestoredPart): readonly RecordedEvent[] {
    this.kept = part.image.json<KeptEventJson[]>().map((event) => ({ ...event, revision: BigInt(event.revision), position: BigInt(event.position), recordedAt: new Date(event.recordedAt) }));
    this.last = part.at;
    return this.kept;
  }
}
