import { execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';

/**
 * The ledger as operators run it: `node dist/src/main.js` in a process of its own, for the tests
 * that need a real process (signals, several processes on one SQLite file). tsx cannot run it:
 * esbuild does not emit the decorator metadata Nest injects by, so the sources are built with
 * tsc, once per content of src/ (cached under the OS temp dir: later runs and the other process
 * tests reuse the build).
 */

const ROOT = process.cwd();
const BUILD_PREFIX = 'ledger-build-';

const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)]));

/** A hash of everything the build reads. */
function sourceHash(): string {
  const hash = createHash('sha256');
  for (const file of [...filesUnder(join(ROOT, 'src')), ...filesUnder(join(ROOT, 'bench')), join(ROOT, 'package.json'), join(ROOT, 'tsconfig.json'), join(ROOT, 'tsconfig.build.json')].sort()) {
    hash.update(relative(ROOT, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}

let built: Promise<string> | undefined;

/** Builds the ledger (or finds it built) and answers the path of its `main.js`. */
export function buildLedger(): Promise<string> {
  built ??= build();
  return built;
}

async function build(): Promise<string> {
  const dir = join(tmpdir(), `${BUILD_PREFIX}${sourceHash()}`);
  const main = join(dir, 'src', 'main.js');
  if (existsSync(main)) return main;
  const building = `${dir}.${process.pid}.tmp`;
  rmSync(building, { recursive: true, force: true });
  mkdirSync(building, { recursive: true });
  await promisify(execFile)(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', join(ROOT, 'tsconfig.build.json'), '--outDir', building], { cwd: ROOT });
  // What nest-cli.json's `assets` copies beside the compiled code: the console's pages.
  cpSync(join(ROOT, 'src', 'console', 'public'), join(building, 'src', 'console', 'public'), { recursive: true });
  // ESM needs the package's "type": "module"; the build resolves its dependencies from the repository.
  cpSync(join(ROOT, 'package.json'), join(building, 'package.json'));
  symlinkSync(join(ROOT, 'node_modules'), join(building, 'node_modules'), 'dir');
  try {
    renameSync(building, dir);
  } catch (error) {
    // Another test process built the same sources first: use its build.
    rmSync(building, { recursive: true, force: true });
    if (!existsSync(main)) throw error;
  }
  removeOldBuilds(dir);
  return main;
}

/** Builds of other sources more than a day old. */
function removeOldBuilds(current: string): void {
  const dayAgo = Date.now() - 24 * 3600 * 1000;
  for (const name of readdirSync(tmpdir())) {
    const path = join(tmpdir(), name);
    if (!name.startsWith(BUILD_PREFIX) || path === current) continue;
    try {
      if (statSync(path).mtimeMs < dayAgo) rmSync(path, { recursive: true, force: true });
    } catch {
      // removed by someone else meanwhile
    }
  }
}

export interface LedgerProcess {
  /** `http://127.0.0.1:<port>`, once it listens. */
  readonly url: string;
  /** Its JSON log lines, parsed, as they arrive (stdout). */
  readonly logs: Record<string, unknown>[];
  /** What it printed that is not a JSON log line (generated keys). */
  readonly printed: string[];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
  kill(signal: NodeJS.Signals): void;
}

/** Starts the built ledger with `env` (PORT 0, on 127.0.0.1) and resolves once it listens. */
export async function startLedgerProcess(env: Record<string, string>, timeoutMs = 60_000): Promise<LedgerProcess> {
  const main = await buildLedger();
  const child = spawn(process.execPath, [main], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', PORT: '0', LEDGER_SEED: 'none', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: Record<string, unknown>[] = [];
  const printed: string[] = [];
  let stderr = '';
  let buffered = '';
  let listening: (url: string) => void = () => undefined;
  const url = new Promise<string>((resolve) => (listening = resolve));
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    buffered += chunk;
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) {
      let parsed: Record<string, unknown> | undefined;
      try {
        parsed = JSON.parse(line) as Record<string, unknown>;
      } catch {
        printed.push(line);
        continue;
      }
      logs.push(parsed);
      if (parsed.msg === 'ledger listening') listening(String(parsed.url).replace(/\/\/\[::1\]|\/\/localhost|\/\/\[::\]/, '//127.0.0.1'));
    }
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, stderr })),
  );
  let timer: NodeJS.Timeout | undefined;
  const started = await Promise.race([
    url,
    exited.then(({ code, stderr: text }) => {
      throw new Error(`the ledger exited (${code}) before it listened: ${text}`);
    }),
    new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`the ledger did not listen within ${timeoutMs} ms: ${stderr}`)), timeoutMs))),
  ]).finally(() => clearTimeout(timer));
  return { url: started, logs, printed, exited, kill: (signal) => child.kill(signal) };
}
