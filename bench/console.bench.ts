import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { fill, random } from './legality.bench.js';
import { printTable } from './table.js';
import { AppModule } from '../src/app.module.js';
import { configureApp } from '../src/http/configure-app.js';
import { JsonLogger } from '../src/logging/json.logger.js';
import { runWhenMain } from './run-when-main.js';

/**
 * The console at scale (docs/api.md §10 "Console"): on the legality bench's store of 1,000,000
 * transfers (its `fill`; BENCH_TRANSFERS to change it), the time from opening a console page in
 * Chromium to its content shown (HTML, scripts, the API calls, the DOM), for the timeline's first
 * page and a transfer's page at a cut, beside the API calls the page makes, timed from Node, and
 * beside what opening a plain page of the same server takes in the same browser.
 * Target: each page < 1 s. Chromium is Debian's (`/usr/bin/chromium`, or CHROMIUM_PATH).
 */

const TRANSFERS = Number(process.env.BENCH_TRANSFERS ?? 1_000_000);
const RUNS = 20;

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const ms = (seconds: number): string => `${(seconds * 1000).toFixed(0)} ms`;

/** Opens `hash` in a page that was on another document, so every run loads the console afresh. */
async function timeOpening(page: Page, base: string, hash: string, shown: () => Promise<void>): Promise<number> {
  await page.goto('about:blank');
  const started = performance.now();
  await page.goto(`${base}/${hash}`);
  await shown();
  return (performance.now() - started) / 1000;
}

export async function runConsoleBench(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'console-bench-'));
  const path = join(dir, 'ledger.sqlite');
  try {
    const filled = await fill(path);
    process.stdout.write(`console bench: filled ${filled.events} events in ${filled.seconds.toFixed(1)} s\n`);
    const logger = new JsonLogger('warn');
    const key = 'bench-auditor-key-0123456789abcdef';
    const app = await NestFactory.create<NestExpressApplication>(
      AppModule.forRoot({ port: 0, eventStoreUrl: `sqlite:${path}`, apiKeys: [{ key, role: 'auditor' }], seed: 'none', logLevel: 'warn' }, { logger }),
      { logger },
    );
    configureApp(app);
    await app.listen(0, '127.0.0.1');
    const base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    const get = async (pathAndQuery: string): Promise<unknown> => {
      const response = await fetch(`${base}${pathAndQuery}`, { headers: { Authorization: `Bearer ${key}` } });
      if (response.status !== 200) throw new Error(`GET ${pathAndQuery} answered ${response.status}: ${await response.text()}`);
      return response.json();
    };
    const timed = async (work: () => Promise<unknown>): Promise<number> => {
      const started = performance.now();
      await work();
      return (performance.now() - started) / 1000;
    };
    const head = BigInt(((await get('/health')) as { position: string }).position); // waits for the app's own catch-up
    const pick = random(12);
    const transferAt = (): { id: string; cut: string } => ({ id: `t-${Math.floor(pick() * TRANSFERS)}`, cut: ((head * BigInt(Math.floor(pick() * 1000))) / 1000n).toString() });

    const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'] });
    try {
      const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
      await page.goto(`${base}/`);
      await page.getByLabel('API key').fill(key);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('heading', { level: 1, name: 'Timeline' }).waitFor();

      const timeline: number[] = [];
      const timelineApi: number[] = [];
      const transfer: number[] = [];
      const transferApi: number[] = [];
      const plain: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        // What the browser itself takes to open a page of this server (a JSON answer, no script).
        plain.push(await timeOpening(page, base, 'health', () => page.getByText('"status"').waitFor()));
        timeline.push(await timeOpening(page, base, '#/timeline', () => page.getByText('Events 1 to 50').waitFor()));
        timelineApi.push(await timed(() => get('/v1/audit/timeline?limit=50')));
        const { id, cut } = transferAt();
        transfer.push(await timeOpening(page, base, `#/transfer/${id}?position=${cut}`, () => page.getByRole('article', { name: `As known at the cut (position ${cut})` }).waitFor()));
        // The page's own calls, in parallel as it makes them.
        transferApi.push(await timed(() => Promise.all([get(`/v1/transfers/${id}`), get(`/v1/transfers/${id}/legality`), get(`/v1/transfers/${id}/legality?position=${cut}`), get('/health')])));
      }
      const rows: [string, string, string, string][] = [
        [`a plain page opened in the same browser (GET /health, median of ${RUNS})`, ms(median(plain)), 'the browser\'s own cost of opening a page', ''],
        [`timeline, first page shown (median of ${RUNS}; worst ${ms(Math.max(...timeline))})`, ms(median(timeline)), `GET /v1/audit/timeline?limit=50: ${ms(median(timelineApi))}`, 'target < 1 s'],
        [`transfer page at a cut shown (median of ${RUNS}; worst ${ms(Math.max(...transfer))})`, ms(median(transfer)), `its 4 API calls in parallel: ${ms(median(transferApi))}`, 'target < 1 s'],
      ];
      printTable(`console in Chromium (${filled.events} events, ${TRANSFERS} transfers)`, rows);
    } finally {
      await browser.close();
      await app.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

runWhenMain(import.meta.url, runConsoleBench);
