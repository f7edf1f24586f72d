import { esdbDoubleHarness } from '../support/esdb-double/esdb-harness.js';
import { describeEventStoreContract } from './event-store.contract.js';

// The real client against the double advertising BatchAppend, as servers since 21.10 do.
describeEventStoreContract('EventStoreDB (double, BatchAppend)', esdbDoubleHarness({ features: 'batch-append' }));
