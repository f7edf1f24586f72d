import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import { createHash } from 'node:crypto';
import { canonicalJson } from '../../src/common/canonical-json.js';
import { createTestApp, TEST_COMPANY, type TestApp } from '../support/test-app.js';

/**
 * Reports (docs/api.md §14): requested as commands recorded in the log, rendered from the log up
 * to their cut only (byte-identical at every rendering, whatever comes later), in JSON and CSV,
 * every kind, the roles, and bad parameters refused with nothing recorded.
 */

let t: TestApp;
const OTHER = 'other-company';
type Row = Record<string, unknown> & { section: string };
type JsonReport = { content: { columns: string[]; rows: Row[] }; contentSha256: string; cut: string; kind: string; parameters: Record<string, string>; reportId: string; position: string; requestedBy: Record<string, string>; requestedAt: string; seal: { treeSize: number; rootHash: string } };

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');
const head = async (): Promise<string> => (await t.http.get('/health').set(t.auth(t.keys.auditor)).expect(200)).body.position as string;

const record = (key: string, body: Record<string, unknown>) =>
  t.http.post('/v1/transfers').set(t.auth(key)).send({ field: 'icv', destination: 'US', ...body }).expect(201).then((r) => r.body as { position: string });
const request = (body: Record<string, unknown>, key = t.keys.regulator, status = 201) =>
  t.http.post('/v1/reports').set(t.auth(key)).send(body).expect(status).then((r) => r.body as { reportId: string; position: string; cut: string; kind: string; message?: string[] });
const renderJson = async (reportId: string, key = t.keys.auditor): Promise<{ text: string; body: JsonReport }> => {
  const answer = await t.http.get(`/v1/reports/${reportId}`).set(t.auth(key)).buffer(true).parse((res, done) => {
    let text = '';
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => (text += chunk));
    res.on('end', () => done(null, text));
  }).expect(200);
  const text = answer.body as string;
  return { text, body: JSON.parse(text) as JsonReport };
};
const renderCsv = async (reportId: string, key = t.keys.auditor) => {
  const answer = await t.http.get(`/v1/reports/${reportId}`).query({ format: 'csv' }).set(t.auth(key)).buffer(true).parse((res, done) => {
    let text = '';
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => (text += chunk));
    res.on('end', () => done(null, text));
  }).expect(200);
  return { text: answer.body as string, headers: answer.headers as Record<string, string> };
};
const rowsOf = (report: JsonReport, section: string): Row[] => report.content.rows.filter((row) => row.section === section);
const legalityAt = (transferId: string, position: string) =>
  t.http.get(`/v1/transfers/${transferId}/legality`).query({ position }).set(t.auth(t.keys.auditor)).expect(200).then((r) => r.body);

let amendmentPosition: string;
let beforeAmendment: string;

beforeAll(async () => {
  t = await createTestApp({ seed: 'lingang' });
  const tesla = t.keys.service;
  await record(tesla, { transferId: 'tesla-may-16', companyId: TEST_COMPANY, category: 'after-sales/service-records', occurredAt: '2024-05-16T10:00:00+08:00' });
  await record(tesla, { transferId: 'tesla-jun', companyId: TEST_COMPANY, category: 'after-sales/service-records', occurredAt: '2024-06-03T10:00:00+08:00', personalInfoSubjects: 60_000 });
  await record(tesla, { transferId: 'tesla-road', companyId: TEST_COMPANY, category: 'road/exterior-video', occurredAt: '2024-06-05T10:00:00+08:00' });
  await record(tesla, { transferId: 'tesla-aug', companyId: TEST_COMPANY, category: 'rnd/testing', occurredAt: '2024-08-01T10:00:00+08:00', personalInfoSubjects: 50_000 });
  await record(t.serviceKeyFor(OTHER), { transferId: 'other-jun', companyId: OTHER, category: 'after-sales/service-records', occurredAt: '2024-06-03T10:00:00+08:00' });
  beforeAmendment = await head();
  // A retroactive amendment: the Lingang list now starts on 2024-06-04, after tesla-jun.
  const list = (await t.http.get('/v1/data-lists/lingang-gdl-2024').set(t.auth(t.keys.auditor)).expect(200)).body.current.content;
  amendmentPosition = (await t.http.put('/v1/data-lists/lingang-gdl-2024').set(t.auth(t.keys.regulator)).send({ ...list, effectiveFrom: '2024-06-04', effectiveUntil: undefined, termMonths: 12 }).expect(200)).body.position;
});
afterAll(async () => {
  await t.close();
});

describe('requesting a report', () => {
  it('records ReportRequested (who, kind, parameters, cut) and answers 201 {reportId, position, cut, kind}', async () => {
    const cut = await head();
    const answer = await request({ kind: 'company-transfers', parameters: { companyId: TEST_COMPANY, from: '2024-01-01', to: '2024-12-31' } });
    expect(answer).toEqual({ reportId: expect.any(String), position: expect.any(String), cut, kind: 'company-transfers' });
    const timeline = await t.http.get('/v1/audit/timeline').query({ type: 'ReportRequested', factId: answer.reportId }).set(t.auth(t.keys.auditor)).expect(200);
    expect(timeline.body.events).toEqual([
      expect.objectContaining({
        position: answer.position,
        type: 'ReportRequested',
        stream: `report-${answer.reportId}`,
        actor: expect.objectContaining({ role: 'regulator' }),
        summary: expect.objectContaining({ kind: 'company-transfers', cut, 'parameters.companyId': TEST_COMPANY, 'requestedBy.role': 'regulator' }),
      }),
    ]);
    const listed = await t.http.get('/v1/reports').set(t.auth(t.keys.auditor)).expect(200);
    expect(listed.body.items).toContainEqual(expect.objectContaining({ reportId: answer.reportId, kind: 'company-transfers', cut, requestedBy: expect.objectContaining({ role: 'regulator' }), requestedAt: expect.any(String) }));
  });

  it('pins the cut to knownAt or position; a repeated reportId is idempotent, another request under it 409', async () => {
    const at = await request({ kind: 'policy-changes', position: beforeAmendment, reportId: 'pinned-1' });
    expect(at.cut).toBe(beforeAmendment);
    const again = await t.http.post('/v1/reports').set(t.auth(t.keys.regulator)).send({ kind: 'policy-changes', position: beforeAmendment, reportId: 'pinned-1' }).expect(200);
    expect(again.body).toEqual(at);
    await t.http.post('/v1/reports').set(t.auth(t.keys.regulator)).send({ kind: 'policy-changes', reportId: 'pinned-1' }).expect(409);
    expect((await request({ kind: 'policy-changes', knownAt: '2000-01-01T00:00:00Z' })).cut).toBe('0');
  });

  it('refuses bad kinds, parameters and cuts with 400 naming each, and records nothing', async () => {
    const before = await head();
    const cases: [Record<string, unknown>, string[]][] = [
      [{ kind: 'everything' }, ['kind']],
      [{ kind: 'company-transfers', parameters: { from: '2024-02-30', to: 5, extra: 'x' } }, ['parameters.extra', 'parameters.companyId', 'parameters.from', 'parameters.to']],
      [{ kind: 'company-transfers', parameters: { companyId: TEST_COMPANY, from: '2024-06-02', to: '2024-06-01' } }, ['parameters.to']],
      [{ kind: 'illegal-transfers', parameters: { from: '2024-01-01' } }, ['parameters.to']],
      [{ kind: 'zone-pilot', parameters: { listId: 'no-such-list', from: '2024-01-01', to: '2024-12-31' } }, ['parameters.listId']],
      [{ kind: 'verdict-drift', parameters: { fromPosition: '5', toPosition: '999999' } }, ['parameters.toPosition']],
      [{ kind: 'verdict-drift', parameters: { fromPosition: '7', toPosition: '5' } }, ['parameters.toPosition']],
      [{ kind: 'verdict-drift', parameters: { fromPosition: '1', toPosition: '2' }, position: '2' }, ['position']],
      [{ kind: 'policy-changes', parameters: { recordedFrom: 'yesterday' } }, ['parameters.recordedFrom']],
      [{ kind: 'policy-changes', position: '999999' }, ['position']],
      [{ kind: 'policy-changes', parameters: 'all' }, ['parameters']],
    ];
    for (const [body, fields] of cases) {
      const answer = await t.http.post('/v1/reports').set(t.auth(t.keys.regulator)).send(body).expect(400);
      expect((answer.body.message as string[]).map((m) => m.split(' ')[0])).toEqual(fields);
    }
    expect(await head()).toBe(before);
  });

  it('lets regulators and auditors request every kind, and a service its own company’s transfers only', async () => {
    const service = t.keys.service;
    const own = await request({ kind: 'company-transfers', parameters: { companyId: TEST_COMPANY, from: '2024-01-01', to: '2024-12-31' } }, service);
    const defaulted = await request({ kind: 'illegal-transfers', parameters: { from: '2024-01-01', to: '2024-12-31' } }, service);
    expect((await renderJson(defaulted.reportId, service)).body.parameters).toEqual({ companyId: TEST_COMPANY, from: '2024-01-01', to: '2024-12-31' });
    await renderJson(own.reportId, service);
    const before = await head();
    await request({ kind: 'company-transfers', parameters: { companyId: OTHER, from: '2024-01-01', to: '2024-12-31' } }, service, 403);
    await request({ kind: 'zone-pilot', parameters: { listId: 'lingang-gdl-2024', from: '2024-01-01', to: '2024-12-31' } }, service, 403);
    await request({ kind: 'policy-changes' }, service, 403);
    expect(await head()).toBe(before);
    const auditors = await request({ kind: 'illegal-transfers', parameters: { from: '2024-01-01', to: '2024-12-31' } }, t.keys.auditor);
    await t.http.get(`/v1/reports/${auditors.reportId}`).set(t.auth(service)).expect(403);
    const listed = await t.http.get('/v1/reports').set(t.auth(service)).expect(200);
    // Every report about its company (requested by anyone), no other.
    const seen = listed.body.items as { reportId: string; parameters: { companyId?: string } }[];
    expect(seen.map((item) => item.reportId)).toEqual(expect.arrayContaining([own.reportId, defaulted.reportId]));
    expect(seen.every((item) => item.parameters.companyId === TEST_COMPANY)).toBe(true);
    expect(seen.map((item) => item.reportId)).not.toContain(auditors.reportId);
    await t.http.get('/v1/reports/no-such-report').set(t.auth(t.keys.auditor)).expect(404);
  });
});

describe('rendering', () => {
  it('names reportId, kind, parameters, cut and contentSha256; JSON is canonical and its digest recomputes; CSV parses back with its header row', async () => {
    const { reportId, cut } = await request({ kind: 'company-transfers', parameters: { companyId: TEST_COMPANY, from: '2024-01-01', to: '2024-12-31' } });
    const json = await renderJson(reportId);
    expect(json.body).toMatchObject({ reportId, kind: 'company-transfers', cut, parameters: { companyId: TEST_COMPANY, from: '2024-01-01', to: '2024-12-31' } });
    expect(json.text).toBe(canonicalJson(json.body));
    expect(json.body.contentSha256).toBe(sha256(canonicalJson(json.body.content)));

    const csv = await renderCsv(reportId);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['x-content-sha256']).toBe(sha256(csv.text));
    expect(csv.headers).toMatchObject({ 'x-report-id': reportId, 'x-report-kind': 'company-transfers', 'x-report-cut': cut });
    const records = parse(csv.text, { columns: true }) as Record<string, string>[];
    const [header] = parse(csv.text, { to_line: 1 }) as string[][];
    expect(header).toEqual(json.body.content.columns);
    expect(records.length).toBe(json.body.content.rows.length);
    expect(records.filter((r) => r.section === 'transfer').map((r) => r.transferId)).toEqual(['tesla-may-16', 'tesla-jun', 'tesla-road', 'tesla-aug']);
    expect(records.find((r) => r.transferId === 'tesla-jun')).toMatchObject({ legal: 'false', requirement: 'security-assessment', changed: 'true', personalInfoSubjects: '60000', cumulativePersonalInfoSubjects: '60000' });
  });

  it('points into the seal: JSON and CSV name the tree size and root of the cut, the pair GET /v1/audit/checkpoint?position=<cut> signs, the same however the log grows', async () => {
    const { reportId, cut } = await request({ kind: 'illegal-transfers', parameters: { from: '2024-01-01', to: '2024-12-31' }, position: beforeAmendment });
    expect(cut).toBe(beforeAmendment);
    const checkpoint = async () => (await t.http.get('/v1/audit/checkpoint').query({ position: cut }).set(t.auth(t.keys.auditor)).expect(200)).body;
    const signed = await checkpoint();
    const json = (await renderJson(reportId)).body;
    expect(json.seal).toEqual({ treeSize: signed.treeSize, rootHash: signed.rootHash });
    // The tree of the cut: every event at or before it, fewer than the log holds now.
    const log = await t.store.readAll();
    expect(json.seal.treeSize).toBe(log.filter((e) => e.position <= BigInt(cut)).length);
    expect(json.seal.treeSize).toBeLessThan(log.length);
    const csv = await renderCsv(reportId);
    expect(csv.headers).toMatchObject({ 'x-ledger-seal-tree-size': String(signed.treeSize), 'x-ledger-seal-root': signed.rootHash });

    await request({ kind: 'policy-changes' }); // the log grows (a ReportRequested event)
    expect((await renderJson(reportId)).body.seal).toEqual(json.seal);
    expect((await renderCsv(reportId)).headers['x-ledger-seal-root']).toBe(signed.rootHash);
    expect(await checkpoint()).toMatchObject({ treeSize: signed.treeSize, rootHash: signed.rootHash });
    // A report at the head names the larger tree of the head.
    const { reportId: atHead } = await request({ kind: 'illegal-transfers', parameters: { from: '2024-01-01', to: '2024-12-31' } });
    expect((await renderJson(atHead)).body.seal.treeSize).toBeGreaterThan(json.seal.treeSize);
  });

  it('is byte-identical at every rendering whatever is appended, corrected or amended later; a new report at the head differs', async () => {
    const parameters = { companyId: TEST_COMPANY, from: '2024-01-01', to: '2024-12-31' };
    const { reportId } = await request({ kind: 'company-transfers', parameters });
    const { reportId: illegalId } = await request({ kind: 'illegal-transfers', parameters: { from: '2024-01-01', to: '2024-12-31' } });
    const first = { json: await renderJson(reportId), csv: await renderCsv(reportId), illegal: await renderCsv(illegalId) };

    // Later: a back-filled transfer in the period, a correction, and a retroactive amendment.
    await record(t.keys.service, { transferId: 'tesla-backfill', companyId: TEST_COMPANY, category: 'after-sales/service-records', occurredAt: '2024-07-01T10:00:00+08:00', personalInfoSubjects: 60_000 });
    await t.http.post('/v1/transfers/tesla-aug/corrections').set(t.auth(t.keys.service)).send({ category: 'road/fleet-trajectories' }).expect(201);
    const list = (await t.http.get('/v1/data-lists/lingang-gdl-2024').set(t.auth(t.keys.auditor)).expect(200)).body.current.content;
    await t.http.put('/v1/data-lists/lingang-gdl-2024').set(t.auth(t.keys.regulator)).send({ ...list, effectiveFrom: '2024-05-17', effectiveUntil: undefined, termMonths: 12 }).expect(200);

    const again = { json: await renderJson(reportId), csv: await renderCsv(reportId), illegal: await renderCsv(illegalId) };
    expect(again.json.text).toBe(first.json.text);
    expect(again.csv.text).toBe(first.csv.text);
    expect(again.csv.headers['x-content-sha256']).toBe(first.csv.headers['x-content-sha256']);
    expect(again.illegal.text).toBe(first.illegal.text);

    const { reportId: atHead } = await request({ kind: 'company-transfers', parameters });
    const now = (await renderJson(atHead)).body;
    const transfers = rowsOf(now, 'transfer');
    expect(transfers.map((row) => row.transferId)).toEqual(['tesla-may-16', 'tesla-jun', 'tesla-road', 'tesla-backfill', 'tesla-aug']);
    // The list covers June again; the back-fill counts before tesla-aug, now road data.
    expect(transfers.find((row) => row.transferId === 'tesla-jun')).toMatchObject({ legal: true, requirement: 'none' });
    expect(transfers.find((row) => row.transferId === 'tesla-aug')).toMatchObject({ category: 'road/fleet-trajectories', requirement: 'security-assessment', cumulativePersonalInfoSubjects: 170_000 });
    expect(now.contentSha256).not.toBe(first.json.body.contentSha256);
  });
});

describe('report kinds', () => {
  it('company-transfers: every transfer of the period with its verdict at the cut, and totals by requirement and legality', async () => {
    const { reportId, cut } = await request({ kind: 'company-transfers', parameters: { companyId: TEST_COMPANY, from: '2024-06-01', to: '2024-06-30' } });
    const report = (await renderJson(reportId)).body;
    const transfers = rowsOf(report, 'transfer');
    for (const row of transfers) {
      const verdict = await legalityAt(row.transferId as string, cut);
      expect(row).toMatchObject({ legal: verdict.legal, requirement: verdict.requirement, classification: verdict.classification, satisfiedBy: verdict.satisfiedBy, cumulativePersonalInfoSubjects: verdict.cumulative.personalInfoSubjects, changed: verdict.changed });
    }
    const totals = rowsOf(report, 'total');
    const all = totals.find((row) => row.requirement === 'all');
    expect(all).toMatchObject({ transfers: transfers.length });
    const byPair = totals.filter((row) => row.requirement !== 'all');
    expect(byPair.reduce((sum, row) => sum + (row.transfers as number), 0)).toBe(transfers.length);
    for (const row of byPair) {
      expect(row.transfers).toBe(transfers.filter((x) => x.requirement === row.requirement && x.legal === row.legal).length);
    }
  });

  it('illegal-transfers: the illegal ones by company with what they lacked', async () => {
    const { reportId, cut } = await request({ kind: 'illegal-transfers', parameters: { from: '2024-01-01', to: '2024-12-31' } });
    const report = (await renderJson(reportId)).body;
    const rows = rowsOf(report, 'transfer');
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.map((row) => row.companyId)).toEqual([...rows.map((row) => row.companyId as string)].sort());
    for (const row of rows) expect((await legalityAt(row.transferId as string, cut)).legal).toBe(false);
    expect(rows.find((row) => row.transferId === 'other-jun')).toMatchObject({ requirement: 'security-assessment', acceptedKinds: ['security-assessment'], scopeField: 'icv', scopeCategory: 'after-sales/service-records', scopeDestination: 'US' });
    const totals = rowsOf(report, 'total');
    expect(totals.find((row) => row.companyId === 'all')).toMatchObject({ transfers: rows.length });
    const one = (await renderJson((await request({ kind: 'illegal-transfers', parameters: { from: '2024-01-01', to: '2024-12-31', companyId: OTHER } })).reportId)).body;
    expect(rowsOf(one, 'transfer').map((row) => row.transferId)).toEqual(['other-jun']);
  });

  it('zone-pilot: the list’s term and changes, the transfers it lifted per entry and company, and those in its fields it did not cover', async () => {
    const { reportId } = await request({ kind: 'zone-pilot', parameters: { listId: 'lingang-gdl-2024', from: '2024-01-01', to: '2024-12-31' } });
    const report = (await renderJson(reportId)).body;
    expect(rowsOf(report, 'term')).toEqual([expect.objectContaining({ listId: 'lingang-gdl-2024', zones: ['cn-shanghai-lingang'], effectiveFrom: '2024-05-17' })]);
    // The expiry scheduler recorded the pack's term end (today is past it), then the two amendments.
    expect(rowsOf(report, 'change').map((row) => row.type)).toEqual(['DataListPublished', 'DataListExpired', 'DataListAmended', 'DataListAmended']);
    const lifted = rowsOf(report, 'lifted');
    expect(lifted.map((row) => row.transferId)).toEqual(['tesla-jun', 'tesla-backfill']);
    expect(lifted[0]).toMatchObject({ entry: 'icv/after-sales/service-records', requirement: 'none', requirementWithoutList: 'security-assessment', personalInfoSubjects: 60_000 });
    expect(rowsOf(report, 'lifted-total')).toEqual([expect.objectContaining({ entry: 'icv/after-sales/service-records', companyId: TEST_COMPANY, transfers: 2, personalInfoSubjects: 120_000 })]);
    const uncovered = rowsOf(report, 'uncovered');
    expect(uncovered.map((row) => row.transferId)).toEqual(['tesla-may-16', 'tesla-road', 'tesla-aug']);
    expect(uncovered[0].reason).toBe('lingang-gdl-2024 is not in force on 2024-05-16');
    expect(uncovered[1].reason).toBe('icv/road/exterior-video is not on lingang-gdl-2024 on 2024-06-05');
    // other-company is not registered in the list's zone: not in the report.
    expect(report.content.rows.some((row) => row.companyId === OTHER)).toBe(false);
  });

  it('verdict-drift: every transfer whose verdict differs between the cuts, as the legality reads answer, with the events that caused it', async () => {
    const { reportId, cut } = await request({ kind: 'verdict-drift', parameters: { fromPosition: beforeAmendment, toPosition: amendmentPosition } });
    expect(cut).toBe(amendmentPosition);
    const report = (await renderJson(reportId)).body;
    const drift = rowsOf(report, 'drift');
    expect(drift.map((row) => row.transferId)).toEqual(['tesla-jun']);
    // Checked against every transfer's own legality answers at both cuts.
    for (const transferId of ['tesla-may-16', 'tesla-jun', 'tesla-road', 'tesla-aug', 'other-jun']) {
      const [then, now] = [await legalityAt(transferId, beforeAmendment), await legalityAt(transferId, amendmentPosition)];
      const differs = then.legal !== now.legal || then.requirement !== now.requirement || then.classification !== now.classification || [...then.satisfiedBy].sort().join() !== [...now.satisfiedBy].sort().join();
      const row = drift.find((r) => r.transferId === transferId);
      expect(Boolean(row)).toBe(differs);
      if (row) expect(row).toMatchObject({ legalAtFrom: then.legal, legalAtTo: now.legal, requirementAtFrom: then.requirement, requirementAtTo: now.requirement, classificationAtFrom: then.classification, classificationAtTo: now.classification });
    }
    expect(drift[0].aspects).toEqual(['legal', 'requirement', 'classification']);
    expect(rowsOf(report, 'cause')).toEqual([expect.objectContaining({ transferId: 'tesla-jun', position: amendmentPosition, type: 'DataListAmended', factId: 'lingang-gdl-2024' })]);
    expect(rowsOf(report, 'total')).toEqual([expect.objectContaining({ transfersCompared: 5, transfersChanged: 1, transfersRecordedBetween: 0 })]);

    // A back-fill between two cuts drifts a later transfer through its cumulative counts.
    const from = await head();
    await record(t.keys.service, { transferId: 'tesla-feb', companyId: TEST_COMPANY, field: 'biomedicine', category: 'clinical-trials-rnd', occurredAt: '2024-02-01T10:00:00+08:00', personalInfoSubjects: 50_000 });
    const to = await head();
    const backfill = (await renderJson((await request({ kind: 'verdict-drift', parameters: { fromPosition: from, toPosition: to, companyId: TEST_COMPANY } })).reportId)).body;
    const moved = rowsOf(backfill, 'drift');
    expect(moved.length).toBeGreaterThan(0);
    for (const row of moved) expect((await legalityAt(row.transferId as string, to)).requirement).toBe(row.requirementAtTo);
    expect(rowsOf(backfill, 'cause')).toContainEqual(expect.objectContaining({ type: 'TransferRecorded', factId: 'tesla-feb', position: to }));
  });

  it('policy-changes: the policy events recorded in the period, in record order, in words and data', async () => {
    const everything = (await renderJson((await request({ kind: 'policy-changes' })).reportId)).body;
    const rows = rowsOf(everything, 'change');
    expect(rows.slice(0, 3).map((row) => row.factId)).toEqual(['cn-2022-assessment-measures', 'cn-2023-standard-contract', 'cn-2024-cross-border-provisions']);
    expect(rows.map((row) => BigInt(row.position as string))).toEqual([...rows.map((row) => BigInt(row.position as string))].sort((a, b) => (a < b ? -1 : 1)));
    const amendment = rows.find((row) => row.position === amendmentPosition);
    expect(amendment).toMatchObject({ type: 'DataListAmended', factKind: 'data-list', factId: 'lingang-gdl-2024', effectiveFrom: '2024-06-04', data: expect.objectContaining({ listId: 'lingang-gdl-2024' }) });
    expect(amendment?.effect).toMatch(/^general data list lingang-gdl-2024 amended .*in force from 2024-06-04 until 2025-06-04/);
    const since = (await renderJson((await request({ kind: 'policy-changes', parameters: { recordedFrom: amendment?.recordedAt as string } })).reportId)).body;
    expect(rowsOf(since, 'change').map((row) => row.type)).toEqual(['DataListAmended', 'DataListAmended']);
    const csv = await renderCsv((await request({ kind: 'policy-changes', parameters: { recordedTo: rows[0].recordedAt as string } })).reportId);
    const records = parse(csv.text, { columns: true }) as Record<string, string>[];
    expect(records.length).toBeGreaterThan(0);
    expect(JSON.parse(records[0].data)).toMatchObject({ regimeId: 'cn-2022-assessment-measures' });
  });
});
