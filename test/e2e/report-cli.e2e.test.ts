import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { report, UsageError } from '../../src/report.cli.js';
import { makeTempDir } from '../support/event-store/temp-dir.js';
import { createTestApp, TEST_COMPANY, type TestApp } from '../support/test-app.js';

/**
 * `npm run report` (docs/api.md §14 "Offline"): renders a report from the store named by
 * EVENT_STORE_URL, byte for byte as `GET /v1/reports/{id}?format=csv` renders it at that cut.
 */

/** Text written to a stream by the command. */
class Captured extends Writable {
  text = '';
  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    this.text += chunk.toString('utf8');
    done();
  }
}

/**
 * `cli.ts report …` in process (the built CLI runs the same function; under tsx, Nest's
 * constructor injection has no type metadata, so the CLI is not spawned from the sources here).
 */
async function runCli(args: readonly string[], eventStoreUrl: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new Captured();
  const stderr = new Captured();
  let code: number;
  try {
    code = await report(eventStoreUrl, args.slice(1), { stdout, stderr });
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    stderr.write(error.message);
    code = 2;
  }
  await new Promise((resolve) => setImmediate(resolve));
  return { code, stdout: stdout.text, stderr: stderr.text };
}

describe('the report CLI', () => {
  const dir = makeTempDir('ledger-report-cli');
  const url = `sqlite:${join(dir.path, 'ledger.sqlite')}`;
  let t: TestApp;
  let httpCsv: string;
  let httpSeal: { treeSize: number; rootHash: string };
  let headSeal: { treeSize: number; rootHash: string };
  let cut: string;
  const parameters = { companyId: TEST_COMPANY, from: '2024-01-01', to: '2024-12-31' };

  beforeAll(async () => {
    t = await createTestApp({ storeUrl: url, seed: 'lingang' });
    for (const [transferId, occurredAt, category] of [
      ['cli-1', '2024-05-16T10:00:00+08:00', 'after-sales/service-records'],
      ['cli-2', '2024-06-03T10:00:00+08:00', 'after-sales/service-records'],
      ['cli-3', '2024-06-05T10:00:00+08:00', 'road/exterior-video'],
    ]) {
      await t.http.post('/v1/transfers').set(t.auth(t.keys.service)).send({ transferId, companyId: TEST_COMPANY, field: 'icv', category, destination: 'US', occurredAt }).expect(201);
    }
    const requested = await t.http.post('/v1/reports').set(t.auth(t.keys.regulator)).send({ kind: 'company-transfers', parameters }).expect(201);
    cut = requested.body.cut;
    // Appended after the cut: the CLI at that position must not see it.
    await t.http.post('/v1/transfers').set(t.auth(t.keys.service)).send({ transferId: 'cli-4', companyId: TEST_COMPANY, field: 'icv', category: 'rnd/testing', destination: 'US', occurredAt: '2024-07-05T10:00:00+08:00' }).expect(201);
    const csv = await t.http.get(`/v1/reports/${requested.body.reportId}`).query({ format: 'csv' }).set(t.auth(t.keys.auditor)).buffer(true).parse((res, done) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => done(null, text));
    }).expect(200);
    httpCsv = csv.body as string;
    httpSeal = { treeSize: Number(csv.headers['x-ledger-seal-tree-size']), rootHash: csv.headers['x-ledger-seal-root'] as string };
    headSeal = (await t.http.get('/v1/audit/checkpoint').set(t.auth(t.keys.auditor)).expect(200)).body;
    await t.close();
  });
  afterAll(() => dir.remove());

  it('writes the CSV of GET /v1/reports/{id}?format=csv at the same position, byte for byte, and names its digest', async () => {
    const out = join(dir.path, 'report.csv');
    const run = await runCli(['report', '--kind', 'company-transfers', ...Object.entries(parameters).flatMap(([k, v]) => ['--param', `${k}=${v}`]), '--position', cut, '--format', 'csv', '--out', out], url);
    expect(run.code).toBe(0);
    const written = readFileSync(out, 'utf8');
    expect(written).toBe(httpCsv);
    expect(written).not.toContain('cli-4');
    expect(run.stderr).toContain(`contentSha256 ${createHash('sha256').update(written).digest('hex')}, seal: tree size ${httpSeal.treeSize}, root ${httpSeal.rootHash}`);
  });

  it('renders JSON at the head to stdout, and refuses bad parameters and arguments with exit code 2', async () => {
    const json = await runCli(['report', '--kind', 'illegal-transfers', '--param', 'from=2024-01-01', '--param', 'to=2024-12-31', '--format', 'json'], url);
    expect(json.code).toBe(0);
    const body = JSON.parse(json.stdout);
    expect(body).toMatchObject({ kind: 'illegal-transfers', parameters: { from: '2024-01-01', to: '2024-12-31' }, seal: { treeSize: headSeal.treeSize, rootHash: headSeal.rootHash } });
    expect(body.content.rows.filter((row: { section: string }) => row.section === 'transfer').map((row: { transferId: string }) => row.transferId)).toEqual(['cli-1', 'cli-3']);

    const bad = await runCli(['report', '--kind', 'company-transfers', '--param', 'from=2024-13-01'], url);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('parameters.companyId is required');
    expect(bad.stderr).toContain('parameters.from must be a calendar date');
    const usage = await runCli(['report', '--format', 'xml'], url);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('usage: cli.ts report');
  });
});
