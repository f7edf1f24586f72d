/**
 * Runs the EventStoreDB double on its own until interrupted, for trying the ledger or the
 * real-server suite against it without Docker:
 *
 *   npx tsx test/support/esdb-double/serve.ts [port] [batch-append|append-only] [1|3]
 *   ESDB_TEST_URL='esdb://127.0.0.1:2113?tls=false' npm test -- test/contract/esdb-real.contract.test.ts
 *
 * Three nodes take free ports (`port` is then ignored); the node list to connect to is printed.
 */
import { startEsdbDouble } from './esdb-double.js';

const port = process.argv[2] ? Number(process.argv[2]) : 2113;
const features = process.argv[3] === 'append-only' ? 'append-only' : 'batch-append';
const nodes = process.argv[4] === '3' ? 3 : 1;
const double = await startEsdbDouble(nodes === 3 ? { features, nodes } : { port, features });
process.stdout.write(`EventStoreDB double (${features}, ${nodes} node${nodes === 1 ? '' : 's'}) at ${double.url}\n`);
const shutdown = (): void => {
  void double.close().then(() => process.exit(0));
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
