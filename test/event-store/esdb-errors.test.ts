import { AccessDeniedError, UnknownError } from '@eventstore/db-client';
import { EventStoreUnavailableError } from '../../src/event-store/event-store.port.js';
import { isInvalidPosition, isTransient, withRetry } from '../../src/event-store/esdb/esdb-errors.js';

/**
 * How the EventStoreDB adapter reads the client's errors: what is worth retrying, what is the
 * caller's mistake, what an operator must fix. The double does not emulate ACLs, so access denied
 * is shown here with the client's own error class.
 */
const quick = { attempts: 3, baseDelayMs: 1, maxDelayMs: 2 };

describe('EventStoreDB errors', () => {
  it('access denied is not retried and says which rights the ledger needs', async () => {
    let calls = 0;
    const error = await withRetry('reading $all', quick, async () => {
      calls++;
      throw new AccessDeniedError();
    }).catch((e: unknown) => e);
    expect(calls).toBe(1);
    expect(error).toBeInstanceOf(EventStoreUnavailableError);
    expect((error as Error).message).toMatch(/denied the ledger's user access \(reading \$all\).*\$admins or \$r on \$all/);
  });

  it('"Server Is Not Ready", as BatchAppend reports it through the 6.2.1 client, is retried', async () => {
    const notReady = new UnknownError(undefined, 'Could not recognize Server Is Not Ready');
    expect(isTransient(notReady)).toBe(true);
    let calls = 0;
    await expect(
      withRetry('appending', quick, async () => {
        if (++calls < 3) throw notReady;
        return 'landed';
      }),
    ).resolves.toBe('landed');
  });

  it('recognises the server refusing a position inside a record, on reads and on subscriptions', () => {
    expect(isInvalidPosition(new Error('2 UNKNOWN: Unexpected ReadAllResult: InvalidPosition'))).toBe(true);
    expect(isInvalidPosition(new Error('3 INVALID_ARGUMENT: Trying to read from an invalid position.'))).toBe(true);
    expect(isInvalidPosition(new Error('14 UNAVAILABLE: No connection established'))).toBe(false);
  });
});
