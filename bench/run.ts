import { runBootBench } from './boot.bench.js';
import { runConsoleBench } from './console.bench.js';
import { runEsdbMemoryBench } from './esdb-memory.bench.js';
import { runEventStoreBench } from './event-store.bench.js';
import { runLegalityBench } from './legality.bench.js';
import { runRecordingBench } from './recording.bench.js';
import { runReportsBench } from './reports.bench.js';
import { runSealBench } from './seal.bench.js';

/**
 * Runs every bench module in bench/, one after another (they measure throughput, so never at
 * the same time). `node --expose-gc dist/bench/run.js [name…]` runs only the named ones.
 * Add a bench: export a `run…Bench(): Promise<void>` from `bench/<name>.bench.ts` and list it here.
 */
const BENCHES: readonly { readonly name: string; readonly run: () => Promise<void> }[] = [
  { name: 'event-store', run: runEventStoreBench },
  { name: 'legality', run: runLegalityBench },
  { name: 'reports', run: runReportsBench },
  { name: 'recording', run: runRecordingBench },
  { name: 'seal', run: runSealBench },
  { name: 'esdb-memory', run: runEsdbMemoryBench },
  { name: 'console', run: runConsoleBench },
  { name: 'boot', run: runBootBench },
];

const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !BENCHES.some((bench) => bench.name === name));
if (unknown.length > 0) {
  process.stderr.write(`unknown bench ${unknown.join(', ')}; known: ${BENCHES.map((b) => b.name).join(', ')}\n`);
  process.exit(2);
}
for (const bench of BENCHES) {
  if (wanted.length > 0 && !wanted.includes(bench.name)) continue;
  const started = performance.now();
  await bench.run();
  process.stdout.write(`[${bench.name}: ${((performance.now() - started) / 1000).toFixed(1)} s]\n`);
}
