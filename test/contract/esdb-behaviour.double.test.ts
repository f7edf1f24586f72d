import { resignLeader } from '../support/esdb-cluster-admin.js';
import { startEsdbDouble, type EsdbDouble, type EsdbDoubleOptions } from '../support/esdb-double/esdb-double.js';
import { describeEsdbBehaviour } from './esdb-behaviour.js';

// EventStoreDB's behaviour beyond the port's contract, on the double as one node and as a
// three-node cluster whose followers lag 300 ms behind and whose leader resigns mid-test.
describe.each<[string, EsdbDoubleOptions]>([
  ['one node', { features: 'batch-append' }],
  ['three nodes, lagging followers', { features: 'batch-append', nodes: 3, followerLagMs: 300 }],
  ['three nodes, Append only', { features: 'append-only', nodes: 3, followerLagMs: 300 }],
])('the double, %s', (_name, options) => {
  let double: EsdbDouble;
  beforeAll(async () => {
    double = await startEsdbDouble(options);
  });
  afterAll(async () => {
    await double.close();
  });
  describeEsdbBehaviour(`double (${_name})`, {
    url: () => double.url,
    changeLeader: options.nodes === 3 ? () => resignLeader(double.url) : undefined,
    writeRaw: (stream, events) => double.writeRaw(stream, events),
    loseNextAppendAnswer: () => double.loseNextAppendAnswer(),
    liveDelayMs: 1000,
  });
});
