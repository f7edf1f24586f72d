/**
 * Runs the EventStoreDB double on its own until interrupted, for trying the ledger or the
 * real-server suite against it without Docker:
 *
 *   npx tsx test/support/esdb-double/serve.ts [port] [batch-append|append-only]
 *   ESDB_TEST_URL='esdb://127.0.0.1:2113?tls=false' npm test -- test/contract/esdb-real.contract.test.ts
 */
import { startEsdbDouble } from './esdb-double.js';

const port = process.argv[2] ? Number(process.argv[2]) : 2113;
const features = process.argv[3] === 'append-only' ? 'append-only' : 'batch-append';
const double = await startEsdbDouble({ port, features });
process.stdout.write(`EventStoreDB double (${features}) at ${double.url}\n`);
const shutdown = (): void => {
  void double.close().then(() => process.exit(0));
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
