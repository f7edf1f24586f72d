import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { join } from 'node:path';
import { rmSync } from 'node:fs';
import { uuidv7 } from '../../src/common/ids.js';
import type { LedgerConfig } from '../../src/config/ledger-config.js';
import { createEventStore } from '../../src/event-store/event-store.factory.js';
import type { EventStore, RecordedEvent } from '../../src/event-store/event-store.port.js';
import { KnowledgeCuts } from '../../src/knowledge-cut/knowledge-cuts.js';
import { toTransferUnderEvaluation } from '../../src/legality/domain/transfer-under-evaluation.js';
import { LegalityService } from '../../src/legality/legality.service.js';
import { LegalityProjectionRunner } from '../../src/legality/projections/legality-projection.runner.js';
import { JsonLogger } from '../../src/logging/json.logger.js';
import { ProjectionSnapshots } from '../../src/snapshot/projection-snapshots.js';
import { makeTempDir } from '../support/event-store/temp-dir.js';
import { LedgerLog } from '../unit/legality/ledger-log.js';
import { history, transfer, type Action } from './history.arbitraries.js';

/**
 * Snapshots change nothing a user can see (docs/design.md "Snapshots"): over random histories of
 * policy events, transfers and corrections, with a snapshot saved at a random point of the log
 * and more events appended after it, the read model booted from the snapshot and caught up
 * answers every verdict at every cut (recorded transfers and a hypothetical one), every seal
 * and every `knownAt` exactly as the read model that replayed the whole log.
 */

/** The events of a history, as the transfers slice records them (verdict = the one at the head). */
function eventsOf(actions: readonly Action[]): RecordedEvent[] {
  const log = new LedgerLog();
  let transfers = 0;
  for (const action of actions) {
    if (action.kind === 'policy') log.policy(action.event);
    else if (action.kind === 'record') log.record({ ...action.transfer, transferId: `t${++transfers}` });
    else if (transfers > 0) log.correct(`t${1 + (action.pick % transfers)}`, action.changes);
  }
  return log.events;
}

interface Booted {
  readonly runner: LegalityProjectionRunner;
  readonly cuts: KnowledgeCuts;
  readonly legality: LegalityService;
  readonly snapshots?: ProjectionSnapshots;
  readonly logs: string[];
}

async function boot(store: EventStore, snapshotPath?: string): Promise<Booted> {
  const logs: string[] = [];
  const cuts = new KnowledgeCuts(store);
  const config = { eventStoreUrl: 'sqlite::memory:', snapshotPath, snapshotEveryEvents: 0, snapshotEverySeconds: 0 } as LedgerConfig;
  const snapshots = snapshotPath === undefined ? undefined : new ProjectionSnapshots(store, config, new JsonLogger('info', (line) => logs.push(line)));
  const runner = new LegalityProjectionRunner(store, cuts, snapshots);
  runner.onModuleInit();
  await cuts.catchUp();
  return { runner, cuts, legality: new LegalityService(runner, cuts), snapshots, logs };
}

/** Every company's transfers in order, each as the listings evaluate it at the cut (null: not known then). */
function listing(legality: LegalityService, cut: bigint): unknown[] {
  const verdicts = legality.verdictsAt(cut);
  const { counts } = legality.readModel.transfers;
  return counts.companyIds().map((companyId) => {
    const order = counts.companyOrder(companyId)!;
    return Array.from({ length: order.size }, (_, i) => order.ordinal.array[i]).map((ordinal) => (verdicts.knows(ordinal) ? { ...verdicts.evaluate(ordinal), countsBefore: undefined } : null));
  });
}

/** What a call answers or throws, comparable. */
function outcome<T>(call: () => T): { ok: T } | { error: string } {
  try {
    return { ok: call() };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

describe('a read model booted from a snapshot and caught up equals one that replayed the whole log', () => {
  let dir: { path: string; remove(): void };
  beforeAll(() => {
    Logger.overrideLogger(false);
    dir = makeTempDir('snapshot-property');
  });
  afterAll(() => dir.remove());

  it('every verdict at every cut, every seal, every knownAt', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(history, fc.nat(), transfer, async (actions, pick, hypothetical) => {
        const events = eventsOf(actions);
        const at = pick % (events.length + 1);
        const file = join(dir.path, `run-${run++}.snapshot`);
        const store = await createEventStore('sqlite::memory:');
        const booted: Booted[] = [];
        try {
          const append = (event: RecordedEvent) => store.append(event.stream, [{ id: uuidv7(), type: event.type, data: event.data }]);
          for (const event of events.slice(0, at)) await append(event);
          const first = await boot(store, file);
          booted.push(first);
          const saved = await first.snapshots!.save();
          expect(saved?.position).toBe(at === 0 ? undefined : BigInt(at));
          await first.runner.onModuleDestroy();
          for (const event of events.slice(at)) await append(event);

          const fromSnapshot = await boot(store, file);
          const replayed = await boot(store);
          booted.push(fromSnapshot, replayed);
          expect(fromSnapshot.logs.some((line) => line.includes('projection snapshot read'))).toBe(at > 0);

          const log = await store.readAll();
          const transferIds = [...new Set(log.filter((e) => e.type === 'TransferRecorded').map((e) => (e.data as { transferId: string }).transferId))];
          const t = toTransferUnderEvaluation(hypothetical);
          const answersOf = ({ legality, cuts }: Booted) =>
            [0n, ...log.map((e) => e.position)].map((cut) => ({
              cut,
              hypothetical: outcome(() => legality.evaluateNew(t, cut)),
              recorded: transferIds.map((id) => outcome(() => legality.evaluateRecorded(id, cut))),
              seal: cuts.sealAt(cut),
              knownAt: cuts.positionKnownAt(log[Math.max(0, Number(cut) - 1)]?.recordedAt.getTime() ?? 0),
              listing: outcome(() => listing(legality, cut)),
              timeline: ['c1', 'c2'].map((companyId) => legality.readModel.log.select({ companyId, fromPosition: 0n, toPosition: cut, limit: 1000 })),
            }));
          expect(answersOf(fromSnapshot)).toEqual(answersOf(replayed));
          if (log.length > 0) {
            const size = fromSnapshot.cuts.tree.size;
            expect(fromSnapshot.cuts.tree.inclusionProof(size - 1, size)).toEqual(replayed.cuts.tree.inclusionProof(size - 1, size));
            expect(await fromSnapshot.cuts.tree.leafOf(log[0].id)).toBe(0);
          }
        } finally {
          for (const { runner } of booted) await runner.onModuleDestroy();
          await store.close();
          rmSync(file, { force: true });
        }
      }),
      { numRuns: 100 },
    );
  });
});
