import { describeMemory, measureIndexRefresh } from '../support/esdb-double/index-memory.js';

const MB = 2 ** 20;

/**
 * A new instance's first append builds the log index from the whole of $all. Over 200,000 events
 * it must hold the index and one page, never the log (the whole log as read events is well over
 * a hundred megabytes): heap growth measured in a process of its own, on the double.
 */
describe('EventStoreDB adapter: the log index in memory', () => {
  it('an index refresh over 200,000 events holds one page at a time beyond the index it keeps', async () => {
    const measured = await measureIndexRefresh(200_000);
    process.stdout.write(`${describeMemory(measured)}\n`);
    expect(measured.heldAtOnceBytes).toBeLessThan(32 * MB);
    // The index itself: an id and a stream per event (about 210 bytes each here).
    expect(measured.keptBytes).toBeLessThan(120 * MB);
  }, 300_000);
});
