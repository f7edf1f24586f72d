import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestApp, TEST_COMPANY, type TestApp } from '../support/test-app.js';

/**
 * Listings of every policy fact kind as known at a cut (`GET /v1/regimes`, …) and the timeline's
 * filters (docs/api.md §9, §12).
 */

let t: TestApp;
type Listing = { items: { id: string; kind: string; current: Record<string, unknown>; history: unknown[] }[]; cut: string; nextCursor: string | null };
type Timeline = { events: { position: string; recordedAt: string; type: string; stream: string }[]; nextFromPosition: string | null };

const get = <T>(path: string, query: Record<string, string | number> = {}, key = t.keys.auditor): Promise<T> =>
  t.http.get(path).query(query).set(t.auth(key)).expect(200).then((r) => r.body as T);
const ids = (listing: Listing): string[] => listing.items.map((item) => item.id);

let packHead: string;
let grant: { position: string };
let afterGrant: string;

beforeAll(async () => {
  t = await createTestApp({ seed: 'lingang' });
  packHead = (await get<Listing>('/v1/regimes')).cut;
  await new Promise((resolve) => setTimeout(resolve, 5)); // a later record time than the pack's
  afterGrant = new Date().toISOString();
  grant = await t.http
    .post('/v1/instruments')
    .set(t.auth(t.keys.regulator))
    .send({ instrumentId: 'tesla-sc', companyId: TEST_COMPANY, kind: 'standard-contract', scope: {}, effectiveFrom: '2024-01-01', effectiveUntil: '2027-01-01' })
    .expect(201)
    .then((r) => r.body);
  await t.http.post('/v1/instruments/tesla-sc/revocations').set(t.auth(t.keys.regulator)).send({ effectiveFrom: '2025-01-01' }).expect(201);
  await t.http.post('/v1/companies/byd-sz/ciio').set(t.auth(t.keys.regulator)).send({ ciio: true, effectiveFrom: '2023-01-01' }).expect(201);
  await t.http
    .post('/v1/transfers')
    .set(t.auth(t.keys.service))
    .send({ transferId: 'tl-1', companyId: TEST_COMPANY, field: 'icv', category: 'after-sales/service-records', destination: 'US', occurredAt: '2024-06-03T10:00:00+08:00' })
    .expect(201);
  await t.http.post('/v1/transfers/tl-1/corrections').set(t.auth(t.keys.service)).send({ destination: 'DE' }).expect(201);
});
afterAll(async () => {
  await t.close();
});

describe('policy listings', () => {
  it('list every fact of each kind known now, in id order, each as GET of the fact answers', async () => {
    expect(ids(await get('/v1/regimes'))).toEqual(['cn-2022-assessment-measures', 'cn-2023-standard-contract', 'cn-2024-cross-border-provisions']);
    expect(ids(await get('/v1/designations'))).toEqual(['cn-auto-data-conservative', 'cn-auto-road-data', 'cn-auto-road-data-trajectories']);
    expect(ids(await get('/v1/data-lists'))).toEqual(['lingang-gdl-2024']);
    expect(ids(await get('/v1/companies'))).toEqual(['byd-sz', TEST_COMPANY]);
    const instruments = await get<Listing>('/v1/instruments');
    expect(ids(instruments)).toEqual(['tesla-sc']);
    const single = await get<Record<string, unknown>>('/v1/instruments/tesla-sc');
    expect(instruments.items[0]).toEqual({ id: single.id, kind: single.kind, current: single.current, history: single.history });
    expect(instruments.items[0].current).toMatchObject({ revokedFrom: '2025-01-01' });
  });

  it('answer as known at a cut', async () => {
    expect(await get('/v1/instruments', { position: packHead })).toEqual({ items: [], cut: packHead, nextCursor: null });
    expect(ids(await get('/v1/companies', { position: packHead }))).toEqual([TEST_COMPANY]);
    const atGrant = await get<Listing>('/v1/instruments', { position: grant.position });
    expect(atGrant.items[0].current).not.toHaveProperty('revokedFrom');
    expect(ids(await get('/v1/regimes', { knownAt: '2000-01-01T00:00:00Z' }))).toEqual([]);
  });

  it('page with a cursor that stays on its cut', async () => {
    const first = await get<Listing>('/v1/regimes', { limit: 2 });
    expect(ids(first)).toEqual(['cn-2022-assessment-measures', 'cn-2023-standard-contract']);
    await t.http
      .post('/v1/regimes')
      .set(t.auth(t.keys.regulator))
      .send({ regimeId: 'cn-2030-zz', title: 'later', effectiveFrom: '2030-01-01', countingWindow: 'calendar-year', thresholds: [], exemptPurposes: [] })
      .expect(201);
    const second = await get<Listing>('/v1/regimes', { limit: 2, cursor: first.nextCursor as string });
    expect(ids(second)).toEqual(['cn-2024-cross-border-provisions']);
    expect(second).toMatchObject({ cut: first.cut, nextCursor: null });
    expect(ids(await get('/v1/regimes'))).toContain('cn-2030-zz');
    // A cursor of one listing is not one of another.
    const wrong = await t.http.get('/v1/designations').query({ cursor: first.nextCursor as string }).set(t.auth(t.keys.auditor)).expect(400);
    expect(wrong.body.message).toEqual([expect.stringMatching(/^cursor was issued for another listing/)]);
  });

  it('refuse bad input and service keys', async () => {
    const bad = await t.http.get('/v1/companies').query({ limit: 0, cursor: 'x.y', extra: '1' }).set(t.auth(t.keys.auditor)).expect(400);
    expect((bad.body.message as string[]).map((m) => m.split(' ')[0]).sort()).toEqual(['extra', 'limit']);
    await t.http.get('/v1/companies').query({ cursor: 'x.y' }).set(t.auth(t.keys.auditor)).expect(400);
    await t.http.get('/v1/regimes').set(t.auth(t.keys.service)).expect(403);
  });
});

describe('timeline filters', () => {
  const timeline = (query: Record<string, string | number>) => get<Timeline>('/v1/audit/timeline', query);
  const types = (page: Timeline): string[] => page.events.map((event) => event.type);

  it('keeps events of one type', async () => {
    expect(types(await timeline({ type: 'TransferRecorded' }))).toEqual(['TransferRecorded']);
    expect(types(await timeline({ type: 'RegimeEnacted' }))).toEqual(['RegimeEnacted', 'RegimeEnacted', 'RegimeEnacted', 'RegimeEnacted']);
    expect(await timeline({ type: 'NoSuchType' })).toEqual({ events: [], nextFromPosition: null });
  });

  it('keeps one fact’s events', async () => {
    const page = await timeline({ factId: 'tesla-sc' });
    expect(types(page)).toEqual(['InstrumentGranted', 'InstrumentRevoked']);
    expect(page.events.every((event) => event.stream === 'instrument-tesla-sc')).toBe(true);
    expect(types(await timeline({ factId: 'tl-1' }))).toEqual(['TransferRecorded', 'TransferCorrected']);
    expect(types(await timeline({ factId: 'tl-1', type: 'TransferCorrected' }))).toEqual(['TransferCorrected']);
  });

  it('keeps events about one company: its facts, instruments (their revocations too), transfers and corrections', async () => {
    expect(types(await timeline({ companyId: TEST_COMPANY }))).toEqual(['CompanyRegistered', 'InstrumentGranted', 'InstrumentRevoked', 'TransferRecorded', 'TransferCorrected']);
    expect(types(await timeline({ companyId: 'byd-sz' }))).toEqual(['CompanyDesignatedCiio']);
    expect(types(await timeline({ companyId: TEST_COMPANY, type: 'InstrumentRevoked' }))).toEqual(['InstrumentRevoked']);
    expect(types(await timeline({ factId: 'tesla-sc', companyId: 'byd-sz' }))).toEqual([]);
  });

  it('bounds by position and by record time, and pages filtered results', async () => {
    const upTo = await timeline({ toPosition: packHead, limit: 1000 });
    expect(upTo.events.at(-1)?.position).toBe(packHead);
    expect(upTo.nextFromPosition).toBeNull();
    const recorded = await timeline({ recordedFrom: afterGrant });
    // Everything recorded from the grant on (the regime enacted by the paging test above included).
    expect(types(recorded)).toEqual(['InstrumentGranted', 'InstrumentRevoked', 'CompanyDesignatedCiio', 'TransferRecorded', 'TransferCorrected', 'RegimeEnacted']);
    expect(recorded.events[0].position).toBe(grant.position);
    const until = await timeline({ recordedTo: recorded.events[0].recordedAt, companyId: TEST_COMPANY });
    expect(types(until)).toEqual(['CompanyRegistered', 'InstrumentGranted']);
    const first = await timeline({ companyId: TEST_COMPANY, limit: 2 });
    expect(types(first)).toEqual(['CompanyRegistered', 'InstrumentGranted']);
    const second = await timeline({ companyId: TEST_COMPANY, limit: 2, fromPosition: first.nextFromPosition as string });
    expect(types(second)).toEqual(['InstrumentRevoked', 'TransferRecorded']);
    const between = await timeline({ fromPosition: grant.position, toPosition: grant.position, type: 'InstrumentGranted' });
    expect(between.events.map((event) => event.position)).toEqual([grant.position]);
  });

  it('refuses bad filters, naming each', async () => {
    const bad = await t.http
      .get('/v1/audit/timeline')
      .query({ factId: 'a b', companyId: '', toPosition: '-1', recordedFrom: 'yesterday', recordedTo: '2024-01-01' })
      .set(t.auth(t.keys.auditor))
      .expect(400);
    expect(new Set((bad.body.message as string[]).map((m) => m.split(' ')[0]))).toEqual(new Set(['factId', 'companyId', 'toPosition', 'recordedFrom', 'recordedTo']));
    const backwards = await t.http.get('/v1/audit/timeline').query({ recordedFrom: '2025-01-02T00:00:00Z', recordedTo: '2025-01-01T00:00:00Z' }).set(t.auth(t.keys.auditor)).expect(400);
    expect(backwards.body.message).toEqual(['recordedTo must not be before recordedFrom']);
  });
});
