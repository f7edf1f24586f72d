import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestApp, TEST_COMPANY, type TestApp } from '../support/test-app.js';

/**
 * `GET /v1/transfers` (docs/api.md §13): transfers known at a cut with their verdicts then, every
 * filter, and cursor pages that stay on their cut while the ledger moves on.
 */

let t: TestApp;
const OTHER = 'other-company';
type Item = { transferId: string; companyId: string; date: string; category: string; verdict: { legal: boolean; requirement: string; position: string }; recordedVerdict: { requirement: string }; changed: boolean };
type Listing = { items: Item[]; cut: string; nextCursor: string | null };

const record = (key: string, body: Record<string, unknown>) =>
  t.http.post('/v1/transfers').set(t.auth(key)).send({ field: 'icv', destination: 'US', ...body }).expect(201).then((r) => r.body as { position: string });
const list = (query: Record<string, string | number | boolean> = {}, key = t.keys.auditor): Promise<Listing> =>
  t.http.get('/v1/transfers').query(query).set(t.auth(key)).expect(200).then((r) => r.body as Listing);
const ids = (listing: Listing): string[] => listing.items.map((item) => item.transferId);

/** Every page from the first, following nextCursor. */
async function allPages(query: Record<string, string | number | boolean>): Promise<{ pages: Listing[]; ids: string[] }> {
  const pages: Listing[] = [await list(query)];
  while (pages[pages.length - 1].nextCursor) pages.push(await list({ ...query, cursor: pages[pages.length - 1].nextCursor as string }));
  return { pages, ids: pages.flatMap(ids) };
}

let beforeAmendment: string;

beforeAll(async () => {
  t = await createTestApp({ seed: 'lingang' });
  const tesla = t.keys.service;
  const other = t.serviceKeyFor(OTHER);
  // Lingang pack: icv is important; the list lifts it for tesla-shanghai (registered in Lingang) from 2024-05-17.
  await record(tesla, { transferId: 'tesla-may-16', companyId: TEST_COMPANY, category: 'after-sales/service-records', occurredAt: '2024-05-16T10:00:00+08:00' }); // illegal
  await record(tesla, { transferId: 'tesla-jun', companyId: TEST_COMPANY, category: 'after-sales/service-records', occurredAt: '2024-06-03T10:00:00+08:00' }); // legal
  await record(tesla, { transferId: 'tesla-road', companyId: TEST_COMPANY, category: 'road/exterior-video', destination: 'DE', occurredAt: '2024-06-01T10:00:00+08:00' }); // illegal
  await record(tesla, { transferId: 'tesla-jul', companyId: TEST_COMPANY, field: 'biomedicine', category: 'clinical-trials-rnd', occurredAt: '2024-07-01T10:00:00+08:00', personalInfoSubjects: 150_000 }); // standard contract
  await record(other, { transferId: 'other-jun', companyId: OTHER, category: 'after-sales/service-records', occurredAt: '2024-06-03T10:00:00+08:00' }); // illegal: not in Lingang
  await record(other, { transferId: 'other-general', companyId: OTHER, field: 'orders', category: 'invoices', occurredAt: '2024-06-04T10:00:00+08:00' }); // legal
  beforeAmendment = (await list()).cut;
  // A retroactive amendment: the list now starts on 2024-06-10, so tesla-jun is no longer lifted.
  const pack = await t.http.get('/v1/data-lists/lingang-gdl-2024').set(t.auth(t.keys.auditor)).expect(200);
  const content = pack.body.current.content;
  await t.http.put('/v1/data-lists/lingang-gdl-2024').set(t.auth(t.keys.regulator)).send({ ...content, effectiveFrom: '2024-06-10', effectiveUntil: undefined, termMonths: 12 }).expect(200);
});
afterAll(async () => {
  await t.close();
});

describe('GET /v1/transfers', () => {
  it('lists every transfer known at the cut by company, then date, with its verdict then, the recorded verdict and changed', async () => {
    const now = await list();
    expect(ids(now)).toEqual(['other-jun', 'other-general', 'tesla-may-16', 'tesla-road', 'tesla-jun', 'tesla-jul']);
    expect(now.nextCursor).toBeNull();
    for (const item of now.items) {
      const legality = await t.http.get(`/v1/transfers/${item.transferId}/legality`).query({ position: now.cut }).set(t.auth(t.keys.auditor)).expect(200);
      const { transferId: _id, recordedVerdict, changed, differences: _d, ...verdict } = legality.body;
      expect(item.verdict).toEqual(verdict);
      expect(item.recordedVerdict).toEqual(recordedVerdict);
      expect(item.changed).toBe(changed);
    }
    const jun = now.items.find((item) => item.transferId === 'tesla-jun');
    expect(jun).toMatchObject({ companyId: TEST_COMPANY, date: '2024-06-03', changed: true, verdict: { legal: false, requirement: 'security-assessment' }, recordedVerdict: { requirement: 'none' } });
  });

  it('answers as known at an earlier position or instant', async () => {
    const then = await list({ position: beforeAmendment });
    expect(then.cut).toBe(beforeAmendment);
    expect(then.items.find((item) => item.transferId === 'tesla-jun')).toMatchObject({ changed: false, verdict: { legal: true, position: beforeAmendment } });
    const nothing = await list({ knownAt: '2000-01-01T00:00:00Z' });
    expect(nothing).toEqual({ items: [], cut: '0', nextCursor: null });
  });

  it.each([
    [{ companyId: OTHER }, ['other-jun', 'other-general']],
    [{ zoneId: 'cn-shanghai-lingang' }, ['tesla-may-16', 'tesla-road', 'tesla-jun', 'tesla-jul']],
    [{ zoneId: 'cn-nowhere' }, []],
    [{ from: '2024-06-03' }, ['other-jun', 'other-general', 'tesla-jun', 'tesla-jul']],
    [{ to: '2024-06-01' }, ['tesla-may-16', 'tesla-road']],
    [{ from: '2024-06-01', to: '2024-06-03' }, ['other-jun', 'tesla-road', 'tesla-jun']],
    [{ field: 'biomedicine' }, ['tesla-jul']],
    [{ category: 'road/exterior-video' }, ['tesla-road']],
    [{ destination: 'DE' }, ['tesla-road']],
    [{ legal: true }, ['other-general']],
    [{ legal: false, companyId: TEST_COMPANY }, ['tesla-may-16', 'tesla-road', 'tesla-jun', 'tesla-jul']],
    [{ requirement: 'standard-contract' }, ['tesla-jul']],
    [{ requirement: 'none' }, ['other-general']],
    [{ changed: true }, ['tesla-jun']],
    [{ changed: false, companyId: TEST_COMPANY }, ['tesla-may-16', 'tesla-road', 'tesla-jul']],
  ] as [Record<string, string | boolean>, string[]][])('filters by %j', async (query, expected) => {
    expect(ids(await list(query))).toEqual(expected);
  });

  it('pages by a cursor that stays on the first page’s cut while transfers are appended', async () => {
    const whole = await list();
    const first = await list({ limit: 2 });
    expect(ids(first)).toEqual(ids(whole).slice(0, 2));
    // Appended after the first page: an earlier date of the first company, and a later one.
    await record(t.serviceKeyFor(OTHER), { transferId: 'other-backfill', companyId: OTHER, category: 'after-sales/service-records', occurredAt: '2024-01-02T10:00:00+08:00' });
    await record(t.keys.service, { transferId: 'tesla-late', companyId: TEST_COMPANY, category: 'after-sales/service-records', occurredAt: '2024-12-02T10:00:00+08:00' });
    const rest: Listing[] = [];
    let cursor = first.nextCursor;
    while (cursor) {
      const page = await list({ limit: 2, cursor });
      expect(page.cut).toBe(first.cut);
      rest.push(page);
      cursor = page.nextCursor;
    }
    expect([...ids(first), ...rest.flatMap(ids)]).toEqual(ids(whole));
    expect(rest.flatMap((page) => page.items).every((item) => item.verdict.position === first.cut)).toBe(true);
    // A new listing sees them.
    expect(ids(await list({ companyId: OTHER }))).toEqual(['other-backfill', 'other-jun', 'other-general']);
  });

  it('pages filtered listings to the same items as one page', async () => {
    const whole = await list({ legal: false });
    const paged = await allPages({ legal: false, limit: 1 });
    expect(paged.ids).toEqual(ids(whole));
    expect(paged.pages.length).toBe(whole.items.length);
  });

  it('refuses a tampered cursor, a cursor for other filters or another cut, and bad filters, naming each', async () => {
    const first = await list({ limit: 1, companyId: TEST_COMPANY });
    const cursor = first.nextCursor as string;
    const [body, check] = cursor.split('.');
    const decoded = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    const forged = `${Buffer.from(JSON.stringify({ ...decoded, cut: '1' }), 'utf8').toString('base64url')}.${check}`;
    for (const bad of [forged, `${cursor}x`, 'not-a-cursor', cursor.slice(0, 10)]) {
      const answer = await t.http.get('/v1/transfers').query({ cursor: bad, companyId: TEST_COMPANY }).set(t.auth(t.keys.auditor)).expect(400);
      expect(answer.body.message).toEqual([expect.stringMatching(/^cursor /)]);
    }
    const otherFilters = await t.http.get('/v1/transfers').query({ cursor, companyId: OTHER }).set(t.auth(t.keys.auditor)).expect(400);
    expect(otherFilters.body.message).toEqual([expect.stringContaining('cursor was issued for other filters')]);
    const otherCut = await t.http.get('/v1/transfers').query({ cursor, companyId: TEST_COMPANY, position: '1' }).set(t.auth(t.keys.auditor)).expect(400);
    expect(otherCut.body.message).toEqual([expect.stringContaining('cursor was issued for the cut')]);
    await t.http.get('/v1/transfers').query({ cursor, companyId: TEST_COMPANY, position: first.cut }).set(t.auth(t.keys.auditor)).expect(200);

    const bad = await t.http
      .get('/v1/transfers')
      .query({ limit: 1001, legal: 'maybe', changed: 'yes', from: '2024-02-30', requirement: 'some', destination: 'XX', companyId: 'a b' })
      .set(t.auth(t.keys.auditor))
      .expect(400);
    const fields = (bad.body.message as string[]).map((m) => m.split(' ')[0]);
    expect(new Set(fields)).toEqual(new Set(['limit', 'legal', 'changed', 'from', 'requirement', 'destination', 'companyId']));
    const backwards = await t.http.get('/v1/transfers').query({ from: '2024-06-02', to: '2024-06-01' }).set(t.auth(t.keys.auditor)).expect(400);
    expect(backwards.body.message).toEqual(['to must not be before from']);
  });

  it('lets a service key list only its own company', async () => {
    const own = await list({}, t.keys.service);
    expect(own.items.length).toBeGreaterThan(0);
    expect(own.items.every((item) => item.companyId === TEST_COMPANY)).toBe(true);
    expect(ids(await list({ companyId: TEST_COMPANY }, t.keys.service))).toEqual(ids(own));
    await t.http.get('/v1/transfers').query({ companyId: OTHER }).set(t.auth(t.keys.service)).expect(403);
    await t.http.get('/v1/transfers').expect(401);
  });
});
