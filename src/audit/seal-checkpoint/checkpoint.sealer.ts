import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { DEFAULT_SEAL_EVERY_EVENTS, DEFAULT_SEAL_EVERY_SECONDS, LEDGER_CONFIG, type LedgerConfig } from '../../config/ledger-config.js';
import { EVENT_STORE, StreamNotFoundError, type EventStore, type RecordedEvent } from '../../event-store/event-store.port.js';
import { KnowledgeCuts } from '../../knowledge-cut/knowledge-cuts.js';
import { JsonLogger } from '../../logging/json.logger.js';
import { SEAL_STREAM, type CheckpointSealed } from '../domain/checkpoint-sealed.event.js';
import { SealCheckpointCommand } from './seal-checkpoint.command.js';

/** The longest the time trigger sleeps between looks at the log. */
const MAX_TICK_MS = 60_000;

/**
 * The ledger seals itself (docs/api.md §2 `LEDGER_SEAL_EVERY_EVENTS`, `LEDGER_SEAL_EVERY_SECONDS`):
 * - by count: the tree at every multiple of N events (N, 2N, …; the seal events count too). Every
 *   instance picks the same sizes, so a cluster appends each seal once. At start-up the latest
 *   multiple reached is sealed if it is not yet (a crash between reaching it and sealing it);
 *   earlier ones are left as they are.
 * - by time: the head, when events other than seals came after the last seal and that seal (by
 *   anyone) was recorded at least S seconds ago (S seconds after start-up when the log has none).
 * Seals go through the CommandBus one at a time; a failed one is logged and the next trigger
 * seals again.
 */
@Injectable()
export class CheckpointSealer implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly everyEvents: number;
  private readonly everyMs: number;
  private readonly startedAt = Date.now();
  private stopped = false;
  private timer?: ReturnType<typeof setInterval>;
  private queue: Promise<unknown> = Promise.resolve();
  private counting?: Promise<void>;
  private stop!: () => void;
  private readonly stopping = new Promise<void>((resolve) => (this.stop = resolve));

  constructor(
    @Inject(LEDGER_CONFIG) config: LedgerConfig,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly cuts: KnowledgeCuts,
    private readonly commands: CommandBus,
    private readonly logger: JsonLogger,
  ) {
    this.everyEvents = config.sealEveryEvents ?? DEFAULT_SEAL_EVERY_EVENTS;
    this.everyMs = (config.sealEverySeconds ?? DEFAULT_SEAL_EVERY_SECONDS) * 1000;
  }

  onApplicationBootstrap(): void {
    if (this.everyEvents > 0) this.counting = this.sealByCount();
    if (this.everyMs > 0) {
      this.timer = setInterval(() => {
        this.enqueue(() => this.sealIfDue()).catch((error: Error) => this.failed('a timed seal failed', error));
      }, Math.min(this.everyMs, MAX_TICK_MS));
      this.timer.unref();
    }
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    this.stop();
    clearInterval(this.timer);
    await this.counting;
    await this.queue.catch(() => undefined);
  }

  private async sealByCount(): Promise<void> {
    if (!(await this.until(this.cuts.catchUp()))) return;
    const reached = Math.floor(this.cuts.tree.size / this.everyEvents) * this.everyEvents;
    if (reached > 0) await this.enqueue(() => this.seal(reached)).catch((error: Error) => this.failed(`sealing tree size ${reached} failed`, error));
    for (let next = reached + this.everyEvents; ; next += this.everyEvents) {
      if (!(await this.until(this.cuts.waitForTreeSize(next)))) return;
      await this.enqueue(() => this.seal(next)).catch((error: Error) => this.failed(`sealing tree size ${next} failed`, error));
    }
  }

  /** Seals the head if it holds events the last seal does not cover and that seal is old enough. */
  private async sealIfDue(): Promise<void> {
    await this.cuts.catchUp();
    const { tree } = this.cuts;
    const latest = await this.latestSeal();
    const now = Date.now();
    if (latest === undefined) {
      if (tree.size === 0 || now - this.startedAt < this.everyMs) return;
    } else {
      if (now - latest.recordedAt.getTime() < this.everyMs) return;
      const covered = (latest.data as unknown as CheckpointSealed['data']).treeSize;
      const leaf = await tree.leafOf(latest.id);
      // The seal event itself is not news: a log that only grew by its own seal stays as it is.
      const unsealed = tree.size - covered - (leaf !== undefined && leaf >= covered ? 1 : 0);
      if (unsealed <= 0) return;
    }
    await this.seal(tree.size);
  }

  private async latestSeal(): Promise<RecordedEvent | undefined> {
    try {
      return (await this.store.readStream(SEAL_STREAM, { direction: 'backwards', maxCount: 1 }))[0];
    } catch (error) {
      if (error instanceof StreamNotFoundError) return undefined;
      throw error;
    }
  }

  private async seal(treeSize: number): Promise<void> {
    if (this.stopped) return;
    const outcome = await this.commands.execute(new SealCheckpointCommand(treeSize));
    if (outcome.appended) this.logger.write('info', 'seal', 'sealed the log', { treeSize, position: outcome.position });
  }

  /** Seals never overlap: each waits for the one before. */
  private enqueue(seal: () => Promise<void>): Promise<void> {
    const next = this.queue.then(seal, seal);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /**
   * Waits for the read model (`promise`) unless the sealer stops first; false when it stopped, or
   * when the read model did (its runner logs why).
   */
  private async until(promise: Promise<unknown>): Promise<boolean> {
    try {
      await Promise.race([promise, this.stopping]);
    } catch {
      return false;
    }
    return !this.stopped;
  }

  private failed(what: string, error: Error): void {
    if (!this.stopped) this.logger.write('error', 'seal', `${what}: ${error.message}`, { stack: error.stack });
  }
}
