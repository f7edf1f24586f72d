import autocannon from 'autocannon';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { printTable } from './table.js';

/**
 * Recording at the speed of the edge (issue 13 item 2), over real HTTP against the built ledger
 * (`dist/src/main.js`, each in a process of its own, on a fresh SQLite file):
 * - `POST /v1/transfers` against `GET /health` on the same server, 16 connections each
 *   (autocannon, after a warm-up), in {@link ROUNDS} short rounds that alternate health, POST of
 *   one company, POST over 16 companies and a repeated POST, so that a noisy minute on a shared machine falls on
 *   all of them alike. Each figure is the median over the rounds: requests/s, p50 and p99, the
 *   POST/health ratio of each round, and the server's CPU time per request (from /proc: its main
 *   thread's, by which the server is bound, so that the ratio of main-thread CPU per request is
 *   the ratio of rates a quiet machine would give; and the whole process's, which includes the
 *   WAL checkpointer's thread). Target: POST ≥ 0.5× health, p99 < 50 ms. Beside them, a POST
 *   of a transfer already recorded (the identical body again, as a client's retry sends it):
 *   the same edge (body, key, throttler, validation, the command's idempotency check, the
 *   answer) without evaluating or appending anything, so its ratio to health is the most any
 *   recording could reach on this edge.
 *   Main's code before issue 13, measured once on this machine, is quoted beside; name a build's
 *   `src/main.js` in BENCH_BEFORE_MAIN_JS to measure it in the same run instead.
 * - recording throughput (201s per second) with 3 ledger processes on one SQLite file, 16
 *   connections spread over them, against 1 process with 16 connections in the same run; every
 *   transfer is of one company, so every recording contends for the same company's sequence.
 */

const CONNECTIONS = 16;
const WARM_UP_S = 2;
const DURATION_S = 10;
/** The edge's rounds: each runs health, POST and POST over 16 companies for {@link ROUND_S} seconds. */
const ROUNDS = 5;
const ROUND_S = 4;
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
  /** The server's CPU time so far (user + system, µs): its main thread, and the whole process; undefined where /proc is not there. */
  cpuMicros(): Cpu | undefined;
  stop(): Promise<void>;
}

interface Cpu {
  /** The main thread (JavaScript, and the SQLite calls it makes): the one the server is bound by. */
  readonly mainThread: number;
  /** Every thread (the WAL checkpointer's, libuv's, the garbage collector's too). */
  readonly process: number;
}

/** Clock ticks per second of /proc's utime and stime (USER_HZ: 100 on Linux). */
const USER_HZ = 100;

/** utime + stime in µs from a /proc stat line (fields 14 and 15; the name in parentheses may hold spaces). */
const statMicros = (path: string): number => {
  const fields = readFileSync(path, 'utf8').split(') ')[1].split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1e6) / USER_HZ;
};

/** A process's CPU time, from /proc/<pid>/stat and its main thread's /proc/<pid>/task/<pid>/stat. */
function cpuMicrosOf(pid: number | undefined): Cpu | undefined {
  if (pid === undefined) return undefined;
  try {
    return { mainThread: statMicros(`/proc/${pid}/task/${pid}/stat`), process: statMicros(`/proc/${pid}/stat`) };
  } catch {
    return undefined;
  }
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
    cpuMicros: () => cpuMicrosOf(child.pid),
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
  /** Requests answered in all. */
  readonly total: number;
}

/**
 * What a load sends: `health`; `post`, a new transfer each; `repeat`, the identical body of one
 * transfer again (a client's retry: the edge and the command run, the idempotency check answers
 * the first answer, nothing is evaluated or appended), the most a POST could reach on this edge.
 */
type Kind = 'post' | 'health' | 'repeat';

/** A load on one server with the server's CPU time per request it took (µs; undefined without /proc). */
interface MeasuredLoad extends Load {
  readonly cpuPerRequest?: Cpu;
}

/**
 * autocannon against one server; POSTs get a fresh transfer id each (`prefix` keeps servers
 * apart), of one company or, round robin, of `companies` companies with their own keys.
 */
async function load(url: string, kind: Kind, seconds: number, connections: number, prefix: string, companies = 1): Promise<Load> {
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
            // A repeat sends one transfer again and again: recorded by the first, answered from the log after.
            const transferId = kind === 'repeat' ? `${prefix}-again` : `${prefix}-${i}`;
            return { ...req, headers: { authorization: `Bearer ${serviceKeyOf(c)}`, 'content-type': 'application/json' }, body: transferBody(transferId, companyOf(c)) };
          },
        };
  const result = await autocannon({ url, connections, duration: seconds, requests: [request] });
  return { perSecond: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, non2xx: result.non2xx + result.errors + result.timeouts, total: result.requests.total };
}

/** {@link load} on a server, with the server's CPU time over it per request answered. */
async function measured(server: Server, kind: Kind, seconds: number, prefix: string, companies = 1): Promise<MeasuredLoad> {
  const before = server.cpuMicros();
  const result = await load(server.url, kind, seconds, CONNECTIONS, prefix, companies);
  const after = server.cpuMicros();
  if (before === undefined || after === undefined || result.total === 0) return result;
  return { ...result, cpuPerRequest: { mainThread: (after.mainThread - before.mainThread) / result.total, process: (after.process - before.process) / result.total } };
}

/** The median (the upper one of an even count). */
const median = (values: readonly number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const format = (n: number): string => Math.round(n).toLocaleString('en-US');
const ratio = (a: number, b: number): string => (b > 0 ? `${(a / b).toFixed(2)}×` : '—');

/** The medians of one kind of load over the rounds. */
interface Medians {
  readonly perSecond: number;
  readonly p50: number;
  readonly p99: number;
  readonly non2xx: number;
  readonly cpuPerRequest?: Cpu;
}

const mediansOf = (loads: readonly MeasuredLoad[]): Medians => {
  const cpu = loads.map((l) => l.cpuPerRequest).filter((c): c is Cpu => c !== undefined);
  return {
    perSecond: median(loads.map((l) => l.perSecond)),
    p50: median(loads.map((l) => l.p50)),
    p99: median(loads.map((l) => l.p99)),
    non2xx: loads.reduce((sum, l) => sum + l.non2xx, 0),
    ...(cpu.length === loads.length ? { cpuPerRequest: { mainThread: median(cpu.map((c) => c.mainThread)), process: median(cpu.map((c) => c.process)) } } : {}),
  };
};

/** POST vs health on one server, in rounds: the medians of each, and the median of each round's POST/health ratio. */
interface Edge {
  readonly health: Medians;
  readonly post: Medians;
  readonly spread: Medians;
  readonly repeat: Medians;
  readonly postRatio: number;
  readonly spreadRatio: number;
  readonly repeatRatio: number;
}

async function edge(dir: string, mainJs: string): Promise<Edge> {
  const server = await startServer(join(dir, `edge-${Math.random()}.sqlite`), mainJs, process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : []);
  try {
    await load(server.url, 'health', WARM_UP_S, CONNECTIONS, 'w');
    await load(server.url, 'post', WARM_UP_S, CONNECTIONS, 'warm');
    const health: MeasuredLoad[] = [];
    const post: MeasuredLoad[] = [];
    const spread: MeasuredLoad[] = [];
    const repeat: MeasuredLoad[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      health.push(await measured(server, 'health', ROUND_S, `h${round}`));
      post.push(await measured(server, 'post', ROUND_S, `edge-${round}`));
      spread.push(await measured(server, 'post', ROUND_S, `spread-${round}`, COMPANIES));
      repeat.push(await measured(server, 'repeat', ROUND_S, `repeat-${round}`));
    }
    const ratioOf = (loads: readonly MeasuredLoad[]): number => median(loads.map((l, i) => l.perSecond / health[i].perSecond));
    return {
      health: mediansOf(health),
      post: mediansOf(post),
      spread: mediansOf(spread),
      repeat: mediansOf(repeat),
      postRatio: ratioOf(post),
      spreadRatio: ratioOf(spread),
      repeatRatio: ratioOf(repeat),
    };
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
      total: loads.reduce((sum, l) => sum + l.total, 0),
    };
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
  }
}

export async function runRecordingBench(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-recording-bench-'));
  try {
    const before = BEFORE_MAIN_JS === undefined ? undefined : await edge(dir, BEFORE_MAIN_JS);
    const now = await edge(dir, MAIN_JS);
    const { health, post, spread, repeat } = now;
    const cpu = (m: Medians): string => (m.cpuPerRequest === undefined ? '—' : `${format(m.cpuPerRequest.mainThread)} µs (process ${format(m.cpuPerRequest.process)})`);
    const cpuRatio = (of: Medians, base: Medians = health): string =>
      of.cpuPerRequest && base.cpuPerRequest ? ratio(base.cpuPerRequest.mainThread, of.cpuPerRequest.mainThread) : '—';
    const rows: [string, string, string, string][] = [
      ['measured (median of the rounds)', 'now', 'baseline (same run)', 'ratio (target ≥ 0.5×)'],
      ['POST /v1/transfers requests/s', format(post.perSecond), `GET /health ${format(health.perSecond)}/s`, `${now.postRatio.toFixed(2)}× (median of the rounds' ratios)`],
      ['POST server main-thread CPU per request', cpu(post), `GET /health ${cpu(health)}`, `${cpuRatio(post)} (health / POST, main thread)`],
      ['POST p50 / p99 (ms)', `${post.p50} / ${post.p99}`, `GET /health ${health.p50} / ${health.p99}`, 'p99 target < 50 ms'],
      ['POST failures (non-2xx, errors)', String(post.non2xx), `health ${health.non2xx}`, ''],
      [`POST over ${COMPANIES} companies requests/s`, format(spread.perSecond), `GET /health ${format(health.perSecond)}/s`, `${now.spreadRatio.toFixed(2)}×`],
      [`POST over ${COMPANIES} companies main-thread CPU per request`, cpu(spread), `GET /health ${cpu(health)}`, cpuRatio(spread)],
      [`POST over ${COMPANIES} companies p50 / p99 (ms)`, `${spread.p50} / ${spread.p99}`, '', `failures ${spread.non2xx}`],
      ['POST of a transfer already recorded (a retry: no evaluation, no append) requests/s', format(repeat.perSecond), `GET /health ${format(health.perSecond)}/s`, `${now.repeatRatio.toFixed(2)}× (the most a POST reaches on this edge)`],
      ['POST of a transfer already recorded, main-thread CPU per request', cpu(repeat), `GET /health ${cpu(health)}`, cpuRatio(repeat)],
    ];
    if (before) {
      rows.push(
        ['main, same run: POST requests/s', format(before.post.perSecond), `GET /health ${format(before.health.perSecond)}/s`, `${before.postRatio.toFixed(2)}×`],
        ['main, same run: POST main-thread CPU per request', cpu(before.post), `GET /health ${cpu(before.health)}`, cpuRatio(before.post, before.health)],
        ['main, same run: POST p50 / p99 (ms)', `${before.post.p50} / ${before.post.p99}`, '', ''],
      );
    } else {
      rows.push(
        ['main, quoted: POST requests/s', format(MAIN.postPerSecond), `GET /health ${format(MAIN.healthPerSecond)}/s`, ratio(MAIN.postPerSecond, MAIN.healthPerSecond)],
        ['main, quoted: POST p50 / p99 (ms)', `${MAIN.postP50} / ${MAIN.postP99}`, '', ''],
      );
    }
    printTable(`Recording at the speed of the edge (${CONNECTIONS} connections, ${ROUNDS} rounds of ${ROUND_S} s each of health, POST, POST over ${COMPANIES} companies and a repeated POST, real HTTP, SQLite file)`, rows);
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
      [`${beforeThree ? 'main, same run' : 'main, quoted'}: 3 processes`, format(mainThree), `1 process ${format(mainOne)}/s`, ratio(mainThree, mainOne)],
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
