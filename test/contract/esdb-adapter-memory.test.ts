import { describeMemory, measureAppends } from '../support/esdb-double/adapter-memory.js';

const MB = 2 ** 20;

/**
 * The adapter keeps nothing of the log between appends (docs/design.md "Idempotency of
 * appends"): a new instance appending, repeating and appending with `any` to a server holding
 * 100,000 events keeps what it keeps on a short log (about 3.5 MB at 20,000 here: the client's
 * connection, and the double's own state for the events appended, as it runs in the same
 * process), where the index of every event id it once kept held about 200 bytes per event
 * (20 MB more). Heap measured in a process of its own, on the double.
 */
describe('EventStoreDB adapter: memory with a long log behind it', () => {
  it('appends of every kind with 100,000 events in the log keep under 8 MB and hold one page at a time', async () => {
    const measured = await measureAppends(100_000);
    process.stdout.write(`${describeMemory(measured)}\n`);
    expect(measured.keptBytes).toBeLessThan(8 * MB);
    expect(measured.heldAtOnceBytes).toBeLessThan(32 * MB);
  }, 300_000);
});
