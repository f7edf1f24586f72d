import { createEventStore } from '../../../src/event-store/event-store.factory.js';
import type { EventStoreHarness } from '../../contract/event-store.contract.js';
import { startEsdbDouble, type EsdbDouble, type EsdbDoubleOptions } from './esdb-double.js';

/**
 * The contract suite's harness on the EventStoreDB adapter against one double for the whole
 * suite: `open()` and `reopen()` are separate client connections to the same server, the way
 * several ledger instances share one EventStoreDB.
 */
export function esdbDoubleHarness(options: EsdbDoubleOptions): EventStoreHarness {
  let started: Promise<EsdbDouble> | undefined;
  const connect = async () => createEventStore((await (started ??= startEsdbDouble(options))).url);
  return {
    open: connect,
    reopen: connect,
    cleanup: async () => (await started)?.close(),
    liveDelayMs: 500,
  };
}
