import { esdbDoubleHarness } from '../support/esdb-double/esdb-harness.js';
import { describeEventStoreContract } from './event-store.contract.js';

// The real client against the double without ServerFeatures: the client falls back to Append.
describeEventStoreContract('EventStoreDB (double, Append)', esdbDoubleHarness({ features: 'append-only' }));
