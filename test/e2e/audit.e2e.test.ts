import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { PolicyState } from '../../src/audit/domain/policy-state.js';
import type { TimelinePage } from '../../src/audit/timeline/timeline.page.js';
import type { RecordedEvent } from '../../src/event-store/event-store.port.js';
import { FixedClock } from '../../src/common/clock.js';
import { uuidv7 } from '../../src/common/ids.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { fieldsNamed, refused } from './policy-http.js';

/**
 * The auditor's tools over HTTP (GET /v1/audit/…): chain verification, the policy state in force
 * on a date as known at a cut, the timeline. Store-agnostic (runs on SQLite and on the
 * EventStoreDB double): positions are taken from the log, never assumed contiguous.
 */

const ROUTES = ['/v1/audit/verification', '/v1/audit/policy-state?date=2024-06-03', '/v1/audit/timeline'];
const pos = (event: RecordedEvent): string => event.position.toString(10);

describe('audit over HTTP on the Lingang pack', () => {
  let t: TestApp;
  let log: RecordedEvent[];
  const get = (path: string, key = t.keys.auditor) => t.http.get(path).set(t.auth(key));
  const eventOf = (stream: string, revision = 0n): RecordedEvent => {
    const event = log.find((e) => e.stream === stream && e.revision === revision);
    if (!event) throw new Error(`no revision ${revision} of ${stream} in the log`);
    return event;
  };

  beforeAll(async () => {
    t = await createTestApp({ seed: 'lingang' });
    log = await t.store.readAll();
  });
  afterAll(() => t.close());

  it.each(ROUTES)('%s: 401 without a key or with an unknown one, 403 for a service key, 200 for auditors and regulators', async (path) => {
    await t.http.get(path).expect(401);
    await get(path, 'not-a-key-of-this-ledger').expect(401);
    await get(path, t.keys.service).expect(403);
    await get(path, t.keys.auditor).expect(200);
    await get(path, t.keys.regulator).expect(200);
  });

  it('the OpenAPI document lists the three reads with their query parameters and answer schemas', async () => {
    type Operation = { parameters?: { name: string; in: string }[]; responses: Record<string, { content?: unknown }> };
    const doc = (await t.http.get('/docs-json').expect(200)).body as { paths: Record<string, { get?: Operation }> };
    const queryOf = (path: string) => (doc.paths[path]?.get?.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name).sort();
    expect(queryOf('/v1/audit/verification')).toEqual([]);
    expect(queryOf('/v1/audit/policy-state')).toEqual(['date', 'knownAt', 'position']);
    expect(queryOf('/v1/audit/timeline')).toEqual(['companyId', 'factId', 'fromPosition', 'limit', 'recordedFrom', 'recordedTo', 'toPosition', 'type']);
    for (const path of ['/v1/audit/verification', '/v1/audit/policy-state', '/v1/audit/timeline']) {
      expect(JSON.stringify(doc.paths[path]?.get?.responses['200']?.content)).toMatch(/#\/components\/schemas\/\w+Dto/);
    }
  });

  it('verification: an untouched ledger verifies, counting every stream and event up to the head', async () => {
    const body = (await get('/v1/audit/verification').expect(200)).body;
    expect(body).toEqual({
      ok: true,
      streams: new Set(log.map((e) => e.stream)).size,
      eventsChecked: log.length,
      headPosition: pos(log[log.length - 1]),
    });
  });

  it('policy state on 2024-06-03: the 2024 provisions in force, the three designations, the list with its 13 entries, Tesla registered in Lingang', async () => {
    const body = (await get('/v1/audit/policy-state?date=2024-06-03').expect(200)).body;
    expect(body.date).toBe('2024-06-03');
    expect(body.position).toBe(pos(log[log.length - 1]));
    expect(body.regimeInForce).toBe('cn-2024-cross-border-provisions');
    expect(body.regimes.map((r: { regimeId: string; inForce: boolean }) => [r.regimeId, r.inForce])).toEqual([
      ['cn-2022-assessment-measures', false],
      ['cn-2023-standard-contract', false],
      ['cn-2024-cross-border-provisions', true],
    ]);
    const provisions = eventOf('regime-cn-2024-cross-border-provisions');
    expect(body.regimes[2]).toMatchObject({ countingWindow: 'calendar-year', exemptPurposes: ['contract-necessity', 'cross-border-hr', 'emergency'], source: { eventId: provisions.id, position: pos(provisions) } });
    expect(body.designations.map((d: { designationId: string }) => d.designationId)).toEqual(['cn-auto-data-conservative', 'cn-auto-road-data', 'cn-auto-road-data-trajectories']);

    const published = eventOf('data-list-lingang-gdl-2024');
    const source = { eventId: published.id, position: pos(published) };
    expect(body.dataLists).toHaveLength(1);
    const [list] = body.dataLists;
    expect(list).toMatchObject({ listId: 'lingang-gdl-2024', kind: 'general', zones: ['cn-shanghai-lingang'], source, term: { effectiveFrom: '2024-05-17', effectiveUntil: '2025-05-17', ...source } });
    expect(list.entries).toHaveLength(13);
    expect(list.entries).toContainEqual({ field: 'icv', category: 'after-sales/service-records', ...source });
    expect(list.entries).toContainEqual({ field: 'biomedicine', category: 'clinical-trials-rnd', ...source });

    const registered = eventOf('company-tesla-shanghai');
    expect(body.companies).toEqual([
      {
        companyId: 'tesla-shanghai',
        registrations: [{ zoneId: 'cn-shanghai-lingang', effectiveFrom: '2018-10-17', eventId: registered.id, position: pos(registered) }],
        ciio: { ciio: false },
      },
    ]);
    expect(body.instruments).toEqual([]);
  });

  it('policy state follows valid time: the one-year pilot is not in force the day before it starts or on its term end', async () => {
    for (const date of ['2024-05-16', '2025-05-17']) {
      expect((await get(`/v1/audit/policy-state?date=${date}`).expect(200)).body.dataLists).toEqual([]);
    }
    const before2022 = (await get('/v1/audit/policy-state?date=2022-08-31').expect(200)).body;
    expect(before2022).toMatchObject({ regimeInForce: null, regimes: [] });
    expect(before2022.designations).toHaveLength(3);
  });

  it('policy state as known before anything was recorded is empty; a knownAt after the head is the head', async () => {
    expect((await get('/v1/audit/policy-state?date=2024-06-03&knownAt=2000-01-01T00:00:00Z').expect(200)).body).toEqual({
      date: '2024-06-03',
      position: '0',
      regimeInForce: null,
      regimes: [],
      designations: [],
      dataLists: [],
      companies: [],
      instruments: [],
    });
    const later = (await get('/v1/audit/policy-state?date=2024-06-03&knownAt=2999-01-01T00:00:00%2B08:00').expect(200)).body;
    expect(later.position).toBe(pos(log[log.length - 1]));
    expect(later.regimeInForce).toBe('cn-2024-cross-border-provisions');
  });

  it('policy state refuses a missing or unreal date, a bad cut, both cuts, a position beyond the head, unknown parameters, naming each', async () => {
    const head = log[log.length - 1].position;
    const cases: [query: string, fields: string[]][] = [
      ['', ['date']],
      ['date=2025-02-30', ['date']],
      ['date=2024-6-3', ['date']],
      ['date=2024-06-03&knownAt=yesterday', ['knownAt']],
      ['date=2024-06-03&position=-1', ['position']],
      ['date=2024-06-03&position=1&knownAt=2024-01-01T00:00:00Z', ['position', 'knownAt']],
      [`date=2024-06-03&position=${head + 1n}`, ['position']],
      ['date=2024-06-03&zone=cn-shanghai-lingang', ['zone']],
    ];
    for (const [query, fields] of cases) {
      const response = await get(`/v1/audit/policy-state?${query}`).expect(400);
      expect({ query, fields: fieldsNamed(response) }).toEqual({ query, fields });
    }
  });

  it('timeline: pages of the log in order, each event once, the next page from the cursor, null after the last', async () => {
    const seen: { position: string; eventId: string }[] = [];
    let from: string | null = '0';
    let pages = 0;
    while (from !== null) {
      const body: TimelinePage = (await get(`/v1/audit/timeline?fromPosition=${from}&limit=4`).expect(200)).body;
      expect(body.events.length).toBeLessThanOrEqual(4);
      seen.push(...body.events.map((e) => ({ position: e.position, eventId: e.eventId })));
      from = body.nextFromPosition;
      pages++;
    }
    expect(seen).toEqual(log.map((e) => ({ position: pos(e), eventId: e.id })));
    expect(pages).toBe(Math.ceil(log.length / 4));
  });

  it('timeline: each event with its record time, stream, revision, type, actor and a flat summary of its data', async () => {
    const published = eventOf('data-list-lingang-gdl-2024');
    const body = (await get(`/v1/audit/timeline?fromPosition=${pos(published)}&limit=1`).expect(200)).body;
    expect(body.events).toEqual([
      {
        position: pos(published),
        recordedAt: published.recordedAt.toISOString(),
        stream: 'data-list-lingang-gdl-2024',
        revision: '0',
        type: 'DataListPublished',
        eventId: published.id,
        hash: published.hash,
        ...(published.metadata.actor ? { actor: published.metadata.actor } : {}),
        summary: expect.objectContaining({ listId: 'lingang-gdl-2024', kind: 'general', effectiveFrom: '2024-05-17', effectiveUntil: '2025-05-17', zones: '1 item', entries: '13 items' }),
      },
    ]);
  });

  it('timeline: 100 events by default, up to 1000 on request; bad paging parameters are named', async () => {
    // Enough events for more than one default page (a stream of the auditors' own: the log takes any).
    const filler = Array.from({ length: 120 }, (_, i) => ({ id: uuidv7(), type: 'AuditProbe', data: { i, note: 'x'.repeat(300) } }));
    await t.store.append(`audit-probe-${uuidv7()}`, filler);
    const all = await t.store.readAll();
    const first = (await get('/v1/audit/timeline').expect(200)).body;
    expect(first.events).toHaveLength(100);
    expect(first.nextFromPosition).toBe(pos(all[100]));
    const whole = (await get('/v1/audit/timeline?limit=1000').expect(200)).body;
    expect(whole.events).toHaveLength(all.length);
    expect(whole.nextFromPosition).toBeNull();
    const probe = whole.events[whole.events.length - 1];
    expect(probe.summary).toEqual({ i: 119, note: `${'x'.repeat(119)}…` });
    expect(probe).not.toHaveProperty('actor');

    for (const [query, field] of [['limit=0', 'limit'], ['limit=1001', 'limit'], ['limit=2.5', 'limit'], ['limit=ten', 'limit'], ['fromPosition=-3', 'fromPosition'], ['fromPosition=1e3', 'fromPosition'], ['page=2', 'page']]) {
      const response = await refused(t, 400, () => get(`/v1/audit/timeline?${query}`));
      expect({ query, fields: [...new Set(fieldsNamed(response))] }).toEqual({ query, fields: [field] });
    }
  });
});

describe('audit over HTTP: the policy state before and after retroactive amendments', () => {
  let t: TestApp;
  const post = (path: string, body: object) => t.http.post(path).set(t.auth(t.keys.regulator)).send(body);
  const put = (path: string, body: object) => t.http.put(path).set(t.auth(t.keys.regulator)).send(body);
  const stateOn = async (date: string, cut = ''): Promise<PolicyState> =>
    (await t.http.get(`/v1/audit/policy-state?date=${date}${cut}`).set(t.auth(t.keys.auditor)).expect(200)).body;
  const regime = (more: object = {}) => ({
    regimeId: 'r-national',
    title: 'National measures',
    effectiveFrom: '2024-01-01',
    countingWindow: 'calendar-year',
    thresholds: [{ metric: 'personalInfoSubjects', atLeast: 100_000, requirement: 'security-assessment' }],
    exemptPurposes: [],
    ...more,
  });
  const designation = (more: object = {}) => ({ designationId: 'd-icv', field: 'icv', classification: 'important', effectiveFrom: '2024-01-01', ...more });

  beforeAll(async () => {
    // Keep "today" inside the 2024 terms, so that the expiry scheduler appends nothing among these events.
    t = await createTestApp({ clock: new FixedClock(new Date('2024-06-10T00:00:00+08:00')) });
  });
  afterAll(() => t.close());

  it('as known before an amendment the old content stands, cited by its event; as known after, the amended content, cited by the amendment', async () => {
    const enacted = (await post('/v1/regimes', regime()).expect(201)).body;
    const designated = (await post('/v1/designations', designation()).expect(201)).body;
    const beforeAmendments = `&position=${designated.position}`;

    // Retroactive in valid time: the regime now starts later and the designation covers one category only.
    const amended = (await put('/v1/regimes/r-national', regime({ effectiveFrom: '2024-07-01', thresholds: [{ metric: 'personalInfoSubjects', atLeast: 1, requirement: 'standard-contract' }] })).expect(200)).body;
    const narrowed = (await put('/v1/designations/d-icv', designation({ category: 'road/exterior-video' })).expect(200)).body;

    const then = await stateOn('2024-06-03', beforeAmendments);
    expect(then.position).toBe(designated.position);
    expect(then.regimeInForce).toBe('r-national');
    expect(then.regimes).toEqual([
      { ...regime(), inForce: true, source: { eventId: enacted.eventId, position: enacted.position } },
    ]);
    expect(then.designations).toEqual([{ ...designation(), source: { eventId: designated.eventId, position: designated.position } }]);

    const now = await stateOn('2024-06-03');
    expect(now.position).toBe(narrowed.position);
    expect(now.regimeInForce).toBeNull();
    expect(now.regimes).toEqual([]);
    expect(now.designations).toEqual([{ ...designation({ category: 'road/exterior-video' }), source: { eventId: narrowed.eventId, position: narrowed.position } }]);

    const july = await stateOn('2024-07-01');
    expect(july.regimes).toEqual([
      { ...regime({ effectiveFrom: '2024-07-01', thresholds: [{ metric: 'personalInfoSubjects', atLeast: 1, requirement: 'standard-contract' }] }), inForce: true, source: { eventId: amended.eventId, position: amended.position } },
    ]);
    // Between the two amendments: the regime amended, the designation not yet.
    const between = await stateOn('2024-07-01', `&position=${amended.position}`);
    expect(between.designations[0].source).toEqual({ eventId: designated.eventId, position: designated.position });
  });

  it("a list's entries that day: published, expanded and withdrawn ones by effective date, each cited; the term from its extension", async () => {
    const published = (await post('/v1/data-lists', { listId: 'l-zone', kind: 'general', title: 'Zone list', zones: ['z1'], effectiveFrom: '2024-01-01', termMonths: 12, entries: [{ field: 'icv', category: 'a' }, { field: 'funds' }] }).expect(201)).body;
    const expanded = (await post('/v1/data-lists/l-zone/expansions', { effectiveFrom: '2024-06-01', entries: [{ field: 'icv', category: 'b' }] }).expect(201)).body;
    const known = `&position=${expanded.position}`;
    await post('/v1/data-lists/l-zone/withdrawals', { effectiveFrom: '2024-06-02', entries: [{ field: 'icv', category: 'a' }] }).expect(201);
    const extended = (await post('/v1/data-lists/l-zone/extensions', { effectiveUntil: '2025-06-01' }).expect(201)).body;

    const cite = (answer: { eventId: string; position: string }) => ({ eventId: answer.eventId, position: answer.position });
    const entriesOn = async (date: string, cut = '') => (await stateOn(date, cut)).dataLists.find((l) => l.listId === 'l-zone')?.entries;
    expect(await entriesOn('2024-05-31')).toEqual([{ field: 'funds', ...cite(published) }, { field: 'icv', category: 'a', ...cite(published) }]);
    expect(await entriesOn('2024-06-01')).toEqual([{ field: 'funds', ...cite(published) }, { field: 'icv', category: 'a', ...cite(published) }, { field: 'icv', category: 'b', ...cite(expanded) }]);
    expect(await entriesOn('2024-06-03')).toEqual([{ field: 'funds', ...cite(published) }, { field: 'icv', category: 'b', ...cite(expanded) }]);
    // Before the withdrawal was recorded, icv/a was still on the list that day.
    expect(await entriesOn('2024-06-03', known)).toEqual([{ field: 'funds', ...cite(published) }, { field: 'icv', category: 'a', ...cite(published) }, { field: 'icv', category: 'b', ...cite(expanded) }]);

    const list = (await stateOn('2025-03-01')).dataLists.find((l) => l.listId === 'l-zone');
    expect(list?.term).toEqual({ effectiveFrom: '2024-01-01', effectiveUntil: '2025-06-01', ...cite(extended) });
    expect(list?.source).toEqual(cite(published));
    // As known before the extension, the list had ended by then.
    expect((await stateOn('2025-03-01', known)).dataLists).toEqual([]);
  });

  it('companies and instruments: registrations holding that day with a recorded deregistration, CIIO status, an instrument with its later revocation', async () => {
    const registered = (await post('/v1/companies/c-audit/registrations', { zoneId: 'z1', effectiveFrom: '2020-01-01' }).expect(201)).body;
    const deregistered = (await post('/v1/companies/c-audit/deregistrations', { zoneId: 'z1', effectiveFrom: '2025-01-01' }).expect(201)).body;
    const ciio = (await post('/v1/companies/c-audit/ciio', { ciio: true, effectiveFrom: '2024-03-01' }).expect(201)).body;
    const granted = (await post('/v1/instruments', { instrumentId: 'i-audit', companyId: 'c-audit', kind: 'standard-contract', scope: { destinations: ['DE'] }, effectiveFrom: '2024-01-01', effectiveUntil: '2027-01-01' }).expect(201)).body;
    const revoked = (await post('/v1/instruments/i-audit/revocations', { effectiveFrom: '2025-06-01' }).expect(201)).body;
    const cite = (answer: { eventId: string; position: string }) => ({ eventId: answer.eventId, position: answer.position });

    const company = (state: PolicyState) => state.companies.find((c) => c.companyId === 'c-audit');
    const june = await stateOn('2024-06-03');
    expect(company(june)).toEqual({
      companyId: 'c-audit',
      registrations: [{ zoneId: 'z1', effectiveFrom: '2020-01-01', effectiveUntil: '2025-01-01', ...cite(registered), ending: { effectiveFrom: '2025-01-01', ...cite(deregistered) } }],
      ciio: { ciio: true, effectiveFrom: '2024-03-01', source: cite(ciio) },
    });
    expect(june.instruments).toEqual([
      { instrumentId: 'i-audit', companyId: 'c-audit', kind: 'standard-contract', scope: { destinations: ['DE'] }, effectiveFrom: '2024-01-01', effectiveUntil: '2027-01-01', source: cite(granted), ending: { effectiveFrom: '2025-06-01', ...cite(revoked) } },
    ]);
    expect(company(await stateOn('2024-02-29'))).toMatchObject({ ciio: { ciio: false } });
    const later = await stateOn('2025-07-01');
    expect(company(later)?.registrations).toEqual([]);
    expect(later.instruments).toEqual([]);
  });
});
