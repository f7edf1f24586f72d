import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppModule } from '../src/app.module.js';
import { createEventStore } from '../src/event-store/event-store.factory.js';
import { configureApp } from '../src/http/configure-app.js';
import { toTransferUnderEvaluation } from '../src/legality/domain/transfer-under-evaluation.js';
import { LegalityProjections } from '../src/legality/projections/legality.projections.js';
import { JsonLogger } from '../src/logging/json.logger.js';
import { companyTransfersReport } from '../src/reports/domain/company-transfers.renderer.js';
import { illegalTransfersReport } from '../src/reports/domain/illegal-transfers.renderer.js';
import type { ReportTable } from '../src/reports/domain/report-table.js';
import { writeCsv, type TextSink } from '../src/reports/rendering/report-output.js';
import { fill, random, readThrough, transferMaker } from './legality.bench.js';
import { printTable } from './table.js';
import { runWhenMain } from './run-when-main.js';

/**
 * Reports and listings at scale (docs/api.md §13, §13), on the legality bench's history (its
 * generators and fill: BENCH_TRANSFERS, default 1,000,000 transfers, BENCH_COMPANIES, default
 * 1,000 companies), each figure beside its baseline measured in the same run:
 * (a) `company-transfers` for every company (together every transfer) and one `illegal-transfers`
 *     over all of them, rendered as streaming CSV to a file: transfers per second, beside the
 *     in-process evaluation rate of hypothetical transfers at the head (the legality bench's
 *     figure), and the process's peak resident memory rise while rendering;
 * (b) `GET /v1/transfers?limit=100` over HTTP on the app booted on the same file: median latency
 *     of a page, beside fetching the same 100 verdicts one `GET /v1/transfers/{id}/legality` each.
 */

const IN_PROCESS_QUESTIONS = 20_000;
const PAGE_REQUESTS = 60;
const PERIOD = { from: '2023-01-01', to: '2026-12-31' };

const gc = (): void => (globalThis as { gc?: () => void }).gc?.();
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Renders tables one after another as CSV into one file; answers transfers looked at per second, rows, and the peak RSS rise. */
async function renderAll(tables: readonly ReportTable[], path: string): Promise<{ perSecond: number; steps: number; rows: number; rssRise: number }> {
  gc();
  gc();
  const baseline = process.memoryUsage.rss();
  let peak = baseline;
  const file = createWriteStream(path);
  let lines = 0;
  const sink: TextSink = {
    write: (text) => {
      for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lines++;
      if (!file.write(text)) return once(file, 'drain').then(() => undefined);
    },
  };
  const sample = (done: number) => {
    if (done % 10_000 === 0) peak = Math.max(peak, process.memoryUsage.rss());
  };
  const started = performance.now();
  let steps = 0;
  for (const table of tables) {
    await writeCsv(table, sink, sample);
    steps += table.steps;
  }
  file.end();
  await once(file, 'finish');
  const seconds = (performance.now() - started) / 1000;
  peak = Math.max(peak, process.memoryUsage.rss());
  return { perSecond: steps / seconds, steps, rows: lines - tables.length, rssRise: peak - baseline };
}

export async function runReportsBench(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'reports-bench-'));
  const path = join(dir, 'ledger.sqlite');
  const url = `sqlite:${path}`;
  try {
    const filled = await fill(path);
    process.stdout.write(`reports bench: filled ${filled.events} events in ${filled.seconds.toFixed(1)} s\n`);
    const store = await createEventStore(url);
    const head = (await store.headPosition()) ?? 0n;
    const projections = new LegalityProjections();
    await readThrough(store, (event) => projections.apply(event));
    await store.close();

    // The baseline: the legality bench's in-process evaluation rate, in this run.
    const questions = Array.from({ length: IN_PROCESS_QUESTIONS }, (_, i) => transferMaker(random(7 + i))(i));
    const evaluationStarted = performance.now();
    for (const question of questions) projections.evaluateNew(toTransferUnderEvaluation(question), head);
    const evaluations = IN_PROCESS_QUESTIONS / ((performance.now() - evaluationStarted) / 1000);

    const companies = projections.transfers.counts.companyIds();
    const company = await renderAll(
      companies.map((companyId) => companyTransfersReport(projections, head, { companyId, ...PERIOD })),
      join(dir, 'company-transfers.csv'),
    );
    const illegal = await renderAll([illegalTransfersReport(projections, head, PERIOD)], join(dir, 'illegal-transfers.csv'));

    // (b) over HTTP.
    const logger = new JsonLogger('warn');
    const key = 'bench-auditor-key-0123456789abcdef';
    const app = await NestFactory.create<NestExpressApplication>(
      AppModule.forRoot({ port: 0, eventStoreUrl: url, apiKeys: [{ key, role: 'auditor' }], seed: 'none', logLevel: 'warn' }, { logger }),
      { logger },
    );
    configureApp(app);
    await app.listen(0, '127.0.0.1');
    const port = (app.getHttpServer().address() as AddressInfo).port;
    const get = async (pathAndQuery: string): Promise<{ seconds: number; body: unknown }> => {
      const started = performance.now();
      const response = await fetch(`http://127.0.0.1:${port}${pathAndQuery}`, { headers: { Authorization: `Bearer ${key}` } });
      if (response.status !== 200) throw new Error(`GET ${pathAndQuery} answered ${response.status}: ${await response.text()}`);
      const body = await response.json();
      return { seconds: (performance.now() - started) / 1000, body };
    };
    await get('/v1/transfers?limit=1'); // waits for the app's own catch-up
    const pageTimes = async (query: (i: number) => string): Promise<number> => {
      const times: number[] = [];
      for (let i = 0; i < PAGE_REQUESTS; i++) times.push((await get(`/v1/transfers?${query(i)}`)).seconds);
      return median(times);
    };
    const pick = random(5);
    const firstPage = await pageTimes(() => 'limit=100');
    const companyPage = await pageTimes(() => `limit=100&companyId=${companies[Math.floor(pick() * companies.length)]}`);
    const periodPage = await pageTimes(() => 'limit=100&from=2023-06-01&to=2023-06-30');
    const illegalPage = await pageTimes(() => 'limit=100&legal=false');
    // Deep pages: follow cursors from the first page (each request is the next page).
    let cursor: string | null = null;
    const deep: number[] = [];
    for (let i = 0; i < PAGE_REQUESTS; i++) {
      const answer = await get(`/v1/transfers?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      deep.push(answer.seconds);
      cursor = (answer.body as { nextCursor: string | null }).nextCursor;
    }
    const ids = ((await get('/v1/transfers?limit=100')).body as { items: { transferId: string }[] }).items.map((item) => item.transferId);
    const oneByOneStarted = performance.now();
    for (const id of ids) await get(`/v1/transfers/${id}/legality`);
    const oneByOne = (performance.now() - oneByOneStarted) / 1000;
    await app.close();

    const ms = (seconds: number) => `${(seconds * 1000).toFixed(1)} ms`;
    const rows: [string, string, string, string][] = [
      ['company-transfers CSV, every company (transfers/s)', company.perSecond.toFixed(0), `evaluations/s in process: ${evaluations.toFixed(0)}`, `${(company.perSecond / evaluations).toFixed(2)}× (targets ≥ 50000/s and ≥ 0.5×)`],
      ['illegal-transfers CSV, all companies (transfers/s)', illegal.perSecond.toFixed(0), `evaluations/s in process: ${evaluations.toFixed(0)}`, `${(illegal.perSecond / evaluations).toFixed(2)}× (targets ≥ 50000/s and ≥ 0.5×)`],
      ['  rows written (company-transfers / illegal-transfers)', `${company.rows} / ${illegal.rows}`, `transfers looked at: ${company.steps} / ${illegal.steps}`, ''],
      ['peak RSS rise while rendering (company / illegal)', `${mb(company.rssRise)} / ${mb(illegal.rssRise)}`, '', 'target < 200 MB'],
      ['GET /v1/transfers?limit=100 median (first page)', ms(firstPage), `100 × GET …/legality: ${ms(oneByOne)}`, `${(oneByOne / firstPage).toFixed(0)}× (target < 50 ms)`],
      ['  … one company', ms(companyPage), '', 'target < 50 ms'],
      ['  … one month (from/to)', ms(periodPage), '', 'target < 50 ms'],
      ['  … legal=false', ms(illegalPage), '', 'target < 50 ms'],
      ['  … following cursors (pages 1–60)', ms(median(deep)), '', 'target < 50 ms'],
    ];
    printTable(`reports and listings (${filled.events} events, ${projections.transfers.size} transfers, ${companies.length} companies; rss now ${mb(process.memoryUsage().rss)})`, rows);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

runWhenMain(import.meta.url, runReportsBench);
