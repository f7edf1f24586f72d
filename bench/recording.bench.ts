import autocannon from 'autocannon';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { printTable } from './table.js';

/**
 * Recording at the speed of the edge (issue 13 item 2), over real HTTP against the built ledger
 * (`dist/src/main.js`, each in a process of its own, on a fresh SQLite file):
 * - `POST /v1/transfers` against `GET /health` on the same server, 16 connections each
 *   (autocannon, after a warm-up): requests/s, p50 and p99. Target: POST ≥ 0.5× health, p99 < 50 ms.
 *   Main's code before this change, measured once on this machine, is quoted beside.
 * - recording throughput (201s per second) with 3 ledger processes on one SQLite file, 16
 *   connections spread over them, against 1 process with 16 connections in the same run; every
 *   transfer is of one company, so every recording contends for the same company's sequence.
 */

const CONNECTIONS = 16;
const WARM_UP_S = 2;
const DURATION_S = 10;
/** The edge's second row spreads the requests over this many companies, each with its own service key. */
const COMPANIES = 16;
const companyOf = (c: number): string => (c === 0 ? 'bench-company' : `bench-company-${c}`);
const serviceKeyOf = (c: number): string => `bench-service-key-${c}-0123456789abcdefghijklmnopqrstuvwxyz`;
const REGULATOR_KEY = 'bench-regulator-key-0123456789abcdefghijklmnopqrstuvwxyz';

/**
 * Main's code before issue 13 items 2 and 3, measured with this bench once (one run, the machine
 * shared): quoted. To measure it in the same run instead, build main's sources and name the
 * build's `src/main.js` in BENCH_BEFORE_MAIN_JS.
 */
const MAIN = { postPerSecond: 413, healthPerSecond: 1_841, postP50: 35, postP99: 100, threeProcesses: 286, oneProcess: 418 };

const MAIN_JS = fileURLToPath(new URL('../src/main.js', import.meta.url));
const BEFORE_MAIN_JS = process.env.BENCH_BEFORE_MAIN_JS;

interface Server {
  readonly url: string;
  stop(): Promise<void>;
}

/** Starts the built ledger on `file` (PORT 0) and resolves once it listens. */
async function startServer(file: string, mainJs: string, nodeArgs: readonly string[] = []): Promise<Server> {
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, mainJs], {
    env: {
      PATH: process.env.PATH ?? '',
      PORT: '0',
      EVENT_STORE_URL: `sqlite:${file}`,
      LEDGER_SEED: 'lingang',
      LEDGER_API_KEYS: JSON.stringify([
        ...Array.from({ length: COMPANIES }, (_, c) => ({ key: serviceKeyOf(c), role: 'service', companyId: companyOf(c) })),
        { key: REGULATOR_KEY, role: 'regulator' },
      ]),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    let buffered = '';
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        if (!line.includes('ledger listening')) continue;
        const parsed = JSON.parse(line) as { url: string };
        resolve(parsed.url.replace(/\/\/\[::1\]|\/\/localhost|\/\/\[::\]/, '//127.0.0.1'));
      }
    });
    void exited.then(() => reject(new Error(`the ledger exited before it listened: ${stderr}`)));
  });
  // Drain its request log, or the pipe fills and the server blocks.
  child.stdout?.resume();
  return {
    url,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** A transfer of the bench company: undesignated data, so every recording counts toward the thresholds. */
const transferBody = (transferId: string, companyId: string): string =>
  JSON.stringify({
    transferId,
    companyId,
    field: 'hr',
    category: 'payroll',
    destination: 'US',
    occurredAt: '2025-06-01T10:00:00+08:00',
    personalInfoSubjects: 10,
  });

interface Load {
  readonly perSecond: number;
  readonly p50: number;
  readonly p99: number;
  readonly non2xx: number;
}

/**
 * autocannon against one server; POSTs get a fresh transfer id each (`prefix` keeps servers
 * apart), of one company or, round robin, of `companies` companies with their own keys.
 */
async function load(url: string, kind: 'post' | 'health', seconds: number, connections: number, prefix: string, companies = 1): Promise<Load> {
  let n = 0;
  const request: autocannon.Request =
    kind === 'health'
      ? { method: 'GET', path: '/health' }
      : {
          method: 'POST',
          path: '/v1/transfers',
          setupRequest: (req) => {
            const i = n++;
            const c = i % companies;
            return { ...req, headers: { authorization: `Bearer ${serviceKeyOf(c)}`, 'content-type': 'application/json' }, body: transferBody(`${prefix}-${i}`, companyOf(c)) };
          },
        };
  const result = await autocannon({ url, connections, duration: seconds, requests: [request] });
  return { perSecond: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, non2xx: result.non2xx + result.errors + result.timeouts };
}

const format = (n: number): string => Math.round(n).toLocaleString('en-US');
const ratio = (a: number, b: number): string => (b > 0 ? `${(a / b).toFixed(2)}×` : '—');

/** POST vs health on one server. */
async function edge(dir: string, mainJs: string): Promise<{ post: Load; health: Load; spread: Load }> {
  const server = await startServer(join(dir, `edge-${Math.random()}.sqlite`), mainJs, process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : []);
  try {
    await load(server.url, 'health', WARM_UP_S, CONNECTIONS, 'w');
    await load(server.url, 'post', WARM_UP_S, CONNECTIONS, 'warm');
    const health = await load(server.url, 'health', DURATION_S, CONNECTIONS, 'h');
    const post = await load(server.url, 'post', DURATION_S, CONNECTIONS, 'edge');
    const spread = await load(server.url, 'post', DURATION_S, CONNECTIONS, 'spread', COMPANIES);
    return { post, health, spread };
  } finally {
    await server.stop();
  }
}

/** Recordings per second with `processes` ledgers on one file, the connections spread over them. */
async function recordingThroughput(dir: string, processes: number, mainJs: string): Promise<Load> {
  const file = join(dir, `shared-${processes}-${Math.random()}.sqlite`);
  // The first seeds the file; the others start on a seeded log.
  const first = await startServer(file, mainJs);
  const servers = [first, ...(await Promise.all(Array.from({ length: processes - 1 }, () => startServer(file, mainJs))))];
  try {
    await Promise.all(servers.map((server, i) => load(server.url, 'post', WARM_UP_S, Math.ceil(CONNECTIONS / processes), `warm-${processes}-${i}`)));
    const loads = await Promise.all(servers.map((server, i) => load(server.url, 'post', DURATION_S, Math.round(CONNECTIONS / processes), `p${processes}-${i}`)));
    return {
      perSecond: loads.reduce((sum, l) => sum + l.perSecond, 0),
      p50: Math.max(...loads.map((l) => l.p50)),
      p99: Math.max(...loads.map((l) => l.p99)),
      non2xx: loads.reduce((sum, l) => sum + l.non2xx, 0),
    };
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
  }
}

export async function runRecordingBench(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-recording-bench-'));
  try {
    const before = BEFORE_MAIN_JS === undefined ? undefined : await edge(dir, BEFORE_MAIN_JS);
    const { post, health, spread } = await edge(dir, MAIN_JS);
    const main = before
      ? { label: 'main, same run', post: before.post.perSecond, health: before.health.perSecond, p50: before.post.p50, p99: before.post.p99 }
      : { label: 'main, quoted', post: MAIN.postPerSecond, health: MAIN.healthPerSecond, p50: MAIN.postP50, p99: MAIN.postP99 };
    printTable(`Recording at the speed of the edge (${CONNECTIONS} connections, ${DURATION_S} s each, real HTTP, SQLite file)`, [
      ['measured', 'now', 'baseline (same run)', 'ratio (target ≥ 0.5×)'],
      ['POST /v1/transfers requests/s', format(post.perSecond), `GET /health ${format(health.perSecond)}/s`, ratio(post.perSecond, health.perSecond)],
      ['POST p50 / p99 (ms)', `${post.p50} / ${post.p99}`, `GET /health ${health.p50} / ${health.p99}`, `p99 target < 50 ms`],
      ['POST failures (non-2xx, errors)', String(post.non2xx), `health ${health.non2xx}`, ''],
      [`POST over ${COMPANIES} companies requests/s`, format(spread.perSecond), `GET /health ${format(health.perSecond)}/s`, ratio(spread.perSecond, health.perSecond)],
      [`POST over ${COMPANIES} companies p50 / p99 (ms)`, `${spread.p50} / ${spread.p99}`, '', `failures ${spread.non2xx}`],
      [`${main.label}: POST requests/s`, format(main.post), `GET /health ${format(main.health)}/s`, ratio(main.post, main.health)],
      [`${main.label}: POST p50 / p99 (ms)`, `${main.p50} / ${main.p99}`, '', ''],
    ]);
    const beforeOne = BEFORE_MAIN_JS === undefined ? undefined : await recordingThroughput(dir, 1, BEFORE_MAIN_JS);
    const beforeThree = BEFORE_MAIN_JS === undefined ? undefined : await recordingThroughput(dir, 3, BEFORE_MAIN_JS);
    const one = await recordingThroughput(dir, 1, MAIN_JS);
    const three = await recordingThroughput(dir, 3, MAIN_JS);
    const mainThree = beforeThree?.perSecond ?? MAIN.threeProcesses;
    const mainOne = beforeOne?.perSecond ?? MAIN.oneProcess;
    printTable(`Recording throughput on one SQLite file, one company (${CONNECTIONS} connections in all)`, [
      ['measured', 'now', 'baseline (same run)', 'ratio'],
      ['3 processes: recordings/s', format(three.perSecond), `1 process ${format(one.perSecond)}/s`, ratio(three.perSecond, one.perSecond)],
      ['3 processes: worst p50 / p99 (ms)', `${three.p50} / ${three.p99}`, `1 process ${one.p50} / ${one.p99}`, ''],
      ['failures (non-2xx, errors)', String(three.non2xx), `1 process ${one.non2xx}`, ''],
      [`${before ? 'main, same run' : 'main, quoted'}: 3 processes`, format(mainThree), `1 process ${format(mainOne)}/s`, ratio(mainThree, mainOne)],
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
