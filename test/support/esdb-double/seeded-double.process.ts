/**
 * An EventStoreDB double holding a ledger log of a given size, in a process of its own (so that
 * its storage is not in the memory of the ledger measured against it):
 *
 *   node --import tsx test/support/esdb-double/seeded-double.process.ts <transfers>
 *
 * Writes `transfers` TransferRecorded events, each in its own stream `transfer-<id>` as the ledger
 * records them, straight into the double's storage (`writeRaw`: the records the server would hold
 * after the ledger's appends, with the ledger's hash chain in the metadata, hash-chain.ts), which
 * is far faster than a million appends over gRPC. Prints one JSON line `{url, events, seconds}`
 * once filled, and serves until stdin closes or it is signalled.
 */
import { canonicalJson } from '../../../src/common/canonical-json.js';
import { GENESIS_HASH, hashCanonicalEvent } from '../../../src/event-store/hash-chain.js';
import { uuidv7 } from '../../../src/common/ids.js';
import { addDays } from '../../../src/common/time.js';
import { startEsdbDouble } from './esdb-double.js';

const total = Number(process.argv[2] ?? 10_000);
const COMPANIES = 1_000;
const DESTINATIONS = ['DE', 'US', 'SG', 'JP', 'FR', 'GB'];
const CATEGORIES = ['after-sales/service-records', 'manufacturing/quality', 'rnd/testing', 'customers', 'orders'];

const started = performance.now();
const double = await startEsdbDouble({ features: 'batch-append' });
const metadataJson = canonicalJson({ actor: { role: 'service', keyId: 'bench', companyId: 'company-0000' } });
const verdict = {
  legal: true,
  requirement: 'none',
  classification: 'general',
  date: '2024-06-01',
  position: '0',
  satisfiedBy: [],
  cumulative: { personalInfoSubjects: 0, sensitivePersonalInfoSubjects: 0 },
  basis: [],
  explanation: 'no regime in force on 2024-06-01: nothing is required',
};
for (let n = 0; n < total; n++) {
  const transferId = `t-${n}`;
  const companyId = `company-${String(n % COMPANIES).padStart(4, '0')}`;
  const date = addDays('2024-01-01', Math.floor(n / COMPANIES) % 365);
  const data = {
    transferId,
    companyId,
    field: n % 3 === 0 ? 'icv' : `field-${n % 17}`,
    category: CATEGORIES[n % CATEGORIES.length],
    destination: DESTINATIONS[n % DESTINATIONS.length],
    occurredAt: `${date}T10:00:00+08:00`,
    personalInfoSubjects: n % 2 === 0 ? 0 : n % 3000,
    sensitivePersonalInfoSubjects: 0,
    importantData: false,
    purpose: 'ordinary',
    date,
    verdict,
  };
  const stream = `transfer-${transferId}`;
  const dataJson = canonicalJson(data);
  const hash = hashCanonicalEvent(stream, 0n, 'TransferRecorded', dataJson, metadataJson, GENESIS_HASH);
  double.writeRaw(stream, [
    {
      id: uuidv7(),
      type: 'TransferRecorded',
      contentType: 'application/json',
      data: Buffer.from(dataJson),
      customMetadata: Buffer.from(JSON.stringify({ ...JSON.parse(metadataJson), $ledgerHash: hash })),
    },
  ]);
}
process.stdout.write(`${JSON.stringify({ url: double.url, events: total, seconds: (performance.now() - started) / 1000 })}\n`);

const shutdown = (): void => {
  void double.close().then(() => process.exit(0));
};
process.stdin.on('end', shutdown).resume();
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
