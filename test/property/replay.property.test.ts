import fc from 'fast-check';
import { afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { createEventStore } from '../../src/event-store/event-store.factory.js';
import type { EventStore } from '../../src/event-store/event-store.port.js';
import { factKeyOf } from '../../src/legality/domain/policy-facts.js';
import { toTransferUnderEvaluation } from '../../src/legality/domain/transfer-under-evaluation.js';
import type { Verdict } from '../../src/legality/domain/verdict.js';
import { KnowledgeCuts } from '../../src/knowledge-cut/knowledge-cuts.js';
import { LegalityService } from '../../src/legality/legality.service.js';
import { LegalityProjectionRunner } from '../../src/legality/projections/legality-projection.runner.js';
import { LegalityProjections } from '../../src/legality/projections/legality.projections.js';
import { uuidv7 } from '../../src/common/ids.js';
import { LedgerLog } from '../unit/legality/ledger-log.js';
import { history, transfer, type Action } from './history.arbitraries.js';

/**
 * The replay guarantee (docs/domain.md §4) and the meaning of a knowledge cut (§2), over random
 * histories of policy events, transfers recorded as the transfers slice records them
 * (cut = head, verdict = evaluateNew at the cut) and corrections, interleaved.
 */

interface Recorded {
  readonly transferId: string;
  readonly verdict: Verdict;
}

/** Plays the history on the pure projections; answers the log and every recorded verdict. */
function play(actions: readonly Action[]): { log: LedgerLog; recorded: Recorded[] } {
  const log = new LedgerLog();
  const recorded: Recorded[] = [];
  for (const action of actions) {
    if (action.kind === 'policy') log.policy(action.event);
    else if (action.kind === 'record') {
      const transferId = `t${recorded.length + 1}`;
      recorded.push({ transferId, verdict: log.record({ ...action.transfer, transferId }).verdict });
    } else if (recorded.length > 0) log.correct(recorded[action.pick % recorded.length].transferId, action.changes);
  }
  return { log, recorded };
}

describe('replay (pure projections)', () => {
  it('recomputing each recorded verdict at its own cut gives it back exactly, whatever came after', () => {
    fc.assert(
      fc.property(history, (actions) => {
        const { log, recorded } = play(actions);
        for (const { transferId, verdict } of recorded) {
          expect(log.projections.evaluateRecorded(transferId, BigInt(verdict.position))).toEqual(verdict);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('"as known at K" is the log cut at K: a projection fed only the events up to K answers the same', () => {
    fc.assert(
      fc.property(history, fc.nat(), transfer, (actions, pick, hypothetical) => {
        const { log, recorded } = play(actions);
        const cut = BigInt(pick % (log.events.length + 1));
        const truncated = new LegalityProjections();
        for (const event of log.events.slice(0, Number(cut))) truncated.apply(event);
        const t = toTransferUnderEvaluation(hypothetical);
        expect(log.projections.evaluateNew(t, cut)).toEqual(truncated.evaluateNew(t, cut));
        for (const { transferId } of recorded) {
          if (truncated.transfers.counts.ordinalOf(transferId) === undefined) continue; // recorded after K
          expect(log.projections.evaluateRecorded(transferId, cut)).toEqual(truncated.evaluateRecorded(transferId, cut));
        }
      }),
      { numRuns: 150 },
    );
  });
});

describe('replay through the real SQLite store and the LegalityService', () => {
  let store: EventStore | undefined;
  let runner: LegalityProjectionRunner | undefined;
  beforeAll(() => Logger.overrideLogger(false)); // one "caught up" line per run is noise here
  afterEach(async () => {
    await runner?.onModuleDestroy();
    await store?.close();
  });

  it('recorded verdicts replay exactly, and evaluation at position = head equals evaluation with no cut', async () => {
    await fc.assert(
      fc.asyncProperty(history, transfer, async (actions, hypothetical) => {
        await runner?.onModuleDestroy();
        await store?.close();
        store = await createEventStore('sqlite::memory:');
        const cuts = new KnowledgeCuts(store);
        runner = new LegalityProjectionRunner(store, cuts);
        runner.onModuleInit();
        const legality = new LegalityService(runner, cuts);
        const recorded: Recorded[] = [];
        for (const action of actions) {
          if (action.kind === 'policy') {
            const [kind, id] = factKeyOf(action.event).split(/:(.*)/s);
            await store.append(`${kind}-${id}`, [{ id: uuidv7(), type: action.event.type, data: JSON.parse(JSON.stringify(action.event.data)) }]);
          } else if (action.kind === 'record') {
            const transferId = `t${recorded.length + 1}`;
            const t = toTransferUnderEvaluation({ ...action.transfer, transferId });
            const cut = await cuts.catchUp();
            const verdict = legality.evaluateNew(t, cut);
            const { date, ...declaration } = t;
            await store.append(`transfer-${transferId}`, [{ id: uuidv7(), type: 'TransferRecorded', data: JSON.parse(JSON.stringify({ ...declaration, date, verdict })) }]);
            recorded.push({ transferId, verdict });
          } else if (recorded.length > 0) {
            const { transferId } = recorded[action.pick % recorded.length];
            await store.append(`transfer-${transferId}`, [{ id: uuidv7(), type: 'TransferCorrected', data: JSON.parse(JSON.stringify({ transferId, correctionId: uuidv7(), changes: action.changes })) }]);
          }
        }
        // position = head: the last event of the log as read back, named as `?position=` names it; no cut: neither position nor knownAt.
        const head = (await store.readAll()).at(-1)?.position ?? 0n;
        const atHead = await cuts.resolve({ position: head.toString() });
        expect(atHead).toBe(head);
        const noCut = await cuts.resolve({});
        const t = toTransferUnderEvaluation(hypothetical);
        expect(legality.evaluateNew(t, atHead)).toEqual(legality.evaluateNew(t, noCut));
        for (const { transferId, verdict } of recorded) {
          expect(legality.evaluateRecorded(transferId, BigInt(verdict.position))).toEqual(verdict);
          expect(legality.evaluateRecorded(transferId, atHead)).toEqual(legality.evaluateRecorded(transferId, noCut));
        }
      }),
      { numRuns: 20 },
    );
  });
});
