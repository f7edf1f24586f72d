import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { expiryEventId } from '../../src/policy/commands/expire-data-list/expire-data-list.handler.js';
import { DesignateDataCommand } from '../../src/policy/commands/designate-data/designate-data.command.js';
import { EnactRegimeCommand } from '../../src/policy/commands/enact-regime/enact-regime.command.js';
import { PublishDataListCommand } from '../../src/policy/commands/publish-data-list/publish-data-list.command.js';
import { RegisterCompanyCommand } from '../../src/policy/commands/register-company/register-company.command.js';
import { ExpiryScheduler } from '../../src/policy/expiry/expiry.scheduler.js';
import { LINGANG_PACK } from '../../src/policy/lingang-pack.js';
import { FixedClock } from '../../src/common/clock.js';
import { uuidv7 } from '../../src/common/ids.js';
import { transferStream } from '../../src/transfers/domain/transfer.events.js';
import { createTestApp, TEST_COMPANY, type TestApp } from '../support/test-app.js';
import { fieldsNamed, refused } from './policy-http.js';

/**
 * Back-filling history (docs/domain.md §2, §3): no command is refused because of today's date,
 * companies need no registration to be named, and verdicts say when nothing was known. Today is
 * 2026-12-01 in Shanghai: past every term end below.
 */

const LIST = 'lingang-gdl-2024';
const today = () => new FixedClock(new Date('2026-12-01T09:00:00+08:00'));

/** Requests on one app: the regulator writes, the auditor reads. */
const on = (t: TestApp) => ({
  post: (path: string, body: object, key = t.keys.regulator) => t.http.post(path).set(t.auth(key)).send(body),
  put: (path: string, body: object) => t.http.put(path).set(t.auth(t.keys.regulator)).send(body),
  get: (path: string, key = t.keys.auditor) => t.http.get(path).set(t.auth(key)),
});

/** A transfer of Tesla's after-sales service records (on the Lingang list) on a Shanghai date. */
const serviceRecords = (date: string, more: object = {}) => ({
  companyId: TEST_COMPANY,
  field: 'icv',
  category: 'after-sales/service-records',
  destination: 'DE',
  occurredAt: `${date}T12:00:00+08:00`,
  ...more,
});

/** The Lingang pack (docs/domain.md §5) sent over HTTP, command by command; answers the last answer. */
async function postPack(t: TestApp): Promise<{ position: string }> {
  const { post } = on(t);
  let last: { position: string } | undefined;
  for (const command of LINGANG_PACK) {
    const path =
      command instanceof EnactRegimeCommand ? '/v1/regimes'
        : command instanceof DesignateDataCommand ? '/v1/designations'
          : command instanceof PublishDataListCommand ? '/v1/data-lists'
            : command instanceof RegisterCompanyCommand ? `/v1/companies/${command.id}/registrations`
              : undefined;
    if (path === undefined) throw new Error(`no route for ${command.constructor.name}`);
    last = (await post(path, command.body).expect(201)).body;
  }
  return last!;
}

/** The expiry events of the list in log order, from the timeline (what an auditor scans). */
async function expiriesInTimeline(t: TestApp): Promise<{ eventId: string; until: unknown }[]> {
  const page = (await on(t).get('/v1/audit/timeline?limit=1000').expect(200)).body as { events: { type: string; eventId: string; summary: Record<string, unknown> }[] };
  return page.events.filter((e) => e.type === 'DataListExpired' && e.summary.listId === LIST).map((e) => ({ eventId: e.eventId, until: e.summary.effectiveUntil }));
}

describe('back-filling: every policy command takes valid dates in the past and in the future', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ clock: today() });
  });
  afterAll(() => t.close());

  it('regimes, designations, data lists, companies and instruments: all accepted (201/200), wherever the dates fall around today', async () => {
    const { post, put } = on(t);
    const regime = (regimeId: string, effectiveFrom: string) => ({ regimeId, title: regimeId, effectiveFrom, countingWindow: 'calendar-year', thresholds: [], exemptPurposes: [] });
    for (const [id, from] of [['r-past', '2019-01-01'], ['r-future', '2030-01-01']] as const) {
      await post('/v1/regimes', regime(id, from)).expect(201);
      await put(`/v1/regimes/${id}`, { ...regime(id, from), title: `${id}, amended` }).expect(200);
    }
    await post('/v1/regimes/r-past/repeals', { effectiveFrom: '2020-01-01' }).expect(201);
    await post('/v1/regimes/r-future/repeals', { effectiveFrom: '2031-01-01' }).expect(201);

    await post('/v1/designations', { designationId: 'd-past', field: 'health', classification: 'important', effectiveFrom: '2015-01-01', effectiveUntil: '2016-01-01' }).expect(201);
    await post('/v1/designations', { designationId: 'd-future', field: 'genomes', classification: 'core', effectiveFrom: '2030-01-01' }).expect(201);
    await post('/v1/designations/d-future/lifts', { effectiveFrom: '2032-01-01' }).expect(201);

    const list = (listId: string, effectiveFrom: string) => ({ listId, kind: 'general', title: listId, zones: ['z'], effectiveFrom, termMonths: 6, entries: [{ field: 'icv' }] });
    // Ended long ago (2020-07-01): expanded, withdrawn, renewed and ended early, all recorded now.
    await post('/v1/data-lists', list('l-past', '2020-01-01')).expect(201);
    await post('/v1/data-lists/l-past/expansions', { effectiveFrom: '2020-03-01', entries: [{ field: 'health' }] }).expect(201);
    await post('/v1/data-lists/l-past/withdrawals', { effectiveFrom: '2020-04-01', entries: [{ field: 'health' }] }).expect(201);
    await post('/v1/data-lists/l-past/extensions', { effectiveUntil: '2021-01-01' }).expect(201);
    await post('/v1/data-lists/l-past/terminations', { effectiveUntil: '2020-10-01' }).expect(201);
    // Not begun yet.
    await post('/v1/data-lists', list('l-future', '2030-01-01')).expect(201);
    await post('/v1/data-lists/l-future/expansions', { effectiveFrom: '2030-02-01', entries: [{ field: 'health' }] }).expect(201);
    await post('/v1/data-lists/l-future/extensions', { effectiveUntil: '2031-01-01' }).expect(201);
    await post('/v1/data-lists/l-future/terminations', { effectiveUntil: '2030-12-01' }).expect(201);
    await put('/v1/data-lists/l-future', { ...list('l-future', '2030-01-01'), title: 'amended' }).expect(200);

    await post('/v1/companies/c-past/registrations', { zoneId: 'z', effectiveFrom: '2010-01-01', effectiveUntil: '2012-01-01' }).expect(201);
    await post('/v1/companies/c-past/ciio', { ciio: true, effectiveFrom: '2011-01-01' }).expect(201);
    await post('/v1/companies/c-past/ciio', { ciio: false, effectiveFrom: '2013-01-01' }).expect(201);
    await post('/v1/companies/c-future/registrations', { zoneId: 'z', effectiveFrom: '2030-01-01' }).expect(201);
    await post('/v1/companies/c-future/deregistrations', { zoneId: 'z', effectiveFrom: '2035-01-01' }).expect(201);
    await post('/v1/companies/c-future/ciio', { ciio: true, effectiveFrom: '2031-01-01' }).expect(201);

    const instrument = (instrumentId: string, effectiveFrom: string, effectiveUntil: string) => ({ instrumentId, companyId: 'c-past', kind: 'certification', scope: {}, effectiveFrom, effectiveUntil });
    await post('/v1/instruments', instrument('i-past', '2015-01-01', '2016-01-01')).expect(201);
    await put('/v1/instruments/i-past', { ...instrument('i-past', '2015-01-01', '2016-01-01'), kind: 'standard-contract' }).expect(200);
    await post('/v1/instruments/i-past/revocations', { effectiveFrom: '2015-06-01' }).expect(201);
    await post('/v1/instruments', instrument('i-future', '2030-01-01', '2033-01-01')).expect(201);
    await post('/v1/instruments/i-future/revocations', { effectiveFrom: '2031-01-01' }).expect(201);

    expect((await on(t).get('/v1/data-lists/l-past').expect(200)).body.current.termEnd).toBe('2020-10-01');
    expect((await on(t).get('/v1/data-lists/l-future').expect(200)).body.current.termEnd).toBe('2030-07-01');
  });
});

describe('back-filling: a data list extended after its term ended is renewed; a termination after it is accepted (seed lingang)', () => {
  let t: TestApp;
  let scheduler: ExpiryScheduler;
  beforeAll(async () => {
    // Started after the pilot's term end: the start-up pass records the expiry of 2025-05-17.
    t = await createTestApp({ seed: 'lingang', clock: today() });
    scheduler = t.app.get(ExpiryScheduler);
  });
  afterAll(() => t.close());

  const legalOn = async (date: string, position?: string): Promise<boolean> =>
    (await on(t).post('/v1/legality/evaluate', { ...serviceRecords(date), ...(position ? { position } : {}) }, t.keys.auditor).expect(200)).body.legal;

  it('renews the lapsed pilot (201; the issue: 400 before), in force from the old term end to the new one; its new end, passed too, expires as its own event', async () => {
    expect(await expiriesInTimeline(t)).toEqual([{ eventId: expiryEventId(LIST, '2025-05-17'), until: '2025-05-17' }]);
    const lapsed = (await on(t).get(`/v1/data-lists/${LIST}`).expect(200)).body;
    expect(await legalOn('2025-06-01')).toBe(false);

    const renewed = await on(t).post(`/v1/data-lists/${LIST}/extensions`, { effectiveUntil: '2025-11-17' }).expect(201);
    expect((await on(t).get(`/v1/data-lists/${LIST}`).expect(200)).body.history.at(-1)).toMatchObject({
      type: 'DataListExtended',
      eventId: renewed.body.eventId,
      data: { listId: LIST, effectiveUntil: '2025-11-17', previousUntil: '2025-05-17' },
    });
    // The same change again is a repeat, as through PUT.
    expect((await on(t).post(`/v1/data-lists/${LIST}/extensions`, { effectiveUntil: '2025-11-17' }).expect(200)).body).toEqual(renewed.body);
    for (const [date, legal] of [['2025-05-16', true], ['2025-05-17', true], ['2025-11-16', true], ['2025-11-17', false]] as const) {
      expect({ date, legal: await legalOn(date) }).toEqual({ date, legal });
    }
    // As known before the renewal, the pilot had lapsed.
    expect(await legalOn('2025-06-01', lapsed.history.at(-1).position)).toBe(false);
    // The auditor's policy state agrees: in force between the old end and the new one, cited by the renewal.
    const listsOn = async (date: string, cut = '') =>
      (await on(t).get(`/v1/audit/policy-state?date=${date}${cut}`).expect(200)).body.dataLists.map((l: { listId: string; term: object }) => ({ listId: l.listId, term: l.term }));
    expect(await listsOn('2025-06-01')).toEqual([{ listId: LIST, term: { effectiveFrom: '2024-05-17', effectiveUntil: '2025-11-17', eventId: renewed.body.eventId, position: renewed.body.position } }]);
    expect(await listsOn('2025-06-01', `&position=${lapsed.history.at(-1).position}`)).toEqual([]);

    expect(await scheduler.runOnce()).toBe(1);
    expect(await scheduler.runOnce()).toBe(0);
    expect(await expiriesInTimeline(t)).toEqual([
      { eventId: expiryEventId(LIST, '2025-05-17'), until: '2025-05-17' },
      { eventId: expiryEventId(LIST, '2025-11-17'), until: '2025-11-17' },
    ]);
    const current = (await on(t).get(`/v1/data-lists/${LIST}`).expect(200)).body.current;
    expect(current).toMatchObject({ termEnd: '2025-11-17', expiredOn: '2025-11-17', expiries: ['2025-05-17', '2025-11-17'] });
  });

  it('ends the renewed term early although the renewed end has passed (201); refuses an end not earlier than the term end as known, naming effectiveUntil', async () => {
    const response = await refused(t, 400, () => on(t).post(`/v1/data-lists/${LIST}/terminations`, { effectiveUntil: '2025-11-17' }));
    expect(response.body.message).toEqual(['effectiveUntil must be earlier than the current term end (2025-11-17)']);
    expect(fieldsNamed(await refused(t, 400, () => on(t).post(`/v1/data-lists/${LIST}/terminations`, { effectiveUntil: '2024-05-16' })))).toEqual(['effectiveUntil']);

    await on(t).post(`/v1/data-lists/${LIST}/terminations`, { effectiveUntil: '2025-08-01' }).expect(201);
    expect(await legalOn('2025-07-31')).toBe(true);
    expect(await legalOn('2025-08-01')).toBe(false);
    expect(await scheduler.runOnce()).toBe(1);
    expect((await expiriesInTimeline(t)).map((e) => e.until)).toEqual(['2025-05-17', '2025-11-17', '2025-08-01']);
    expect((await on(t).get(`/v1/data-lists/${LIST}`).expect(200)).body.current).toMatchObject({ termEnd: '2025-08-01', expiredOn: '2025-08-01', expiries: ['2025-05-17', '2025-11-17', '2025-08-01'] });
  });
});

describe('back-filling: companies are known by the facts that name them', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ clock: today() });
  });
  afterAll(() => t.close());

  it('designates a company registered in no zone a CIIO (201; the issue: 404 before) and lifts it; the designation weighs in its verdicts', async () => {
    const { post, get } = on(t);
    await post('/v1/companies/national-operator/ciio', { ciio: true, effectiveFrom: '2023-01-01' }).expect(201);
    await post('/v1/companies/national-operator/ciio', { ciio: false, effectiveFrom: '2025-01-01' }).expect(201);
    expect((await get('/v1/companies/national-operator').expect(200)).body.current).toEqual({
      registrations: [],
      ciio: [
        { ciio: true, effectiveFrom: '2023-01-01' },
        { ciio: false, effectiveFrom: '2025-01-01' },
      ],
    });
    const transfer = (date: string) => ({ companyId: 'national-operator', field: 'retail', category: 'orders', destination: 'SG', occurredAt: `${date}T12:00:00+08:00`, personalInfoSubjects: 10 });
    expect((await post('/v1/legality/evaluate', transfer('2024-06-01'), t.keys.auditor).expect(200)).body).toMatchObject({ requirement: 'security-assessment', legal: false });
    expect((await post('/v1/legality/evaluate', transfer('2025-06-01'), t.keys.auditor).expect(200)).body).toMatchObject({ requirement: 'none', legal: true });
  });

  it('registers, grants instruments to and lifts CIIO status of company ids never seen (201), and refuses deregistering one (400 naming zoneId, not 404)', async () => {
    const { post } = on(t);
    await post('/v1/companies/never-seen-a/registrations', { zoneId: 'cn-shanghai-lingang', effectiveFrom: '2020-01-01' }).expect(201);
    await post('/v1/instruments', { instrumentId: 'i-unseen', companyId: 'never-seen-b', kind: 'security-assessment', scope: {}, effectiveFrom: '2020-01-01', effectiveUntil: '2030-01-01' }).expect(201);
    const response = await refused(t, 400, () => post('/v1/companies/never-seen-c/deregistrations', { zoneId: 'cn-shanghai-lingang', effectiveFrom: '2025-01-01' }));
    expect(response.body.message).toEqual(['zoneId company never-seen-c is not registered in zone cn-shanghai-lingang']);
    // Lifting: not a CIIO from that date; a designation back-filled before it is accepted too.
    await post('/v1/companies/never-seen-c/ciio', { ciio: false, effectiveFrom: '2025-01-01' }).expect(201);
    await post('/v1/companies/never-seen-c/ciio', { ciio: true, effectiveFrom: '2023-01-01' }).expect(201);
    await refused(t, 409, () => post('/v1/companies/never-seen-c/ciio', { ciio: true, effectiveFrom: '2024-01-01' }));
    // The same id pattern as before.
    expect(fieldsNamed(await refused(t, 400, () => post(`/v1/companies/${'x'.repeat(129)}/ciio`, { ciio: true, effectiveFrom: '2025-01-01' })))).toEqual(['companyId']);
  });
});

describe('back-filling: verdicts say when nothing was known (notes)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ clock: today() });
  });
  afterAll(() => t.close());

  const NOTHING = ['no-regime-in-force', 'no-policy-known'];

  it('at position 0, POST /v1/legality/evaluate and GET /v1/transfers/{id}/legality note no-regime-in-force and no-policy-known, in words too', async () => {
    const { post, get } = on(t);
    const recorded = (await post('/v1/transfers', { transferId: 'nothing-known', ...serviceRecords('2024-06-01') }, t.keys.service).expect(201)).body;
    expect(recorded.verdict).toMatchObject({ legal: true, position: '0', notes: NOTHING });
    await postPack(t);

    const hypothetical = (await post('/v1/legality/evaluate', { ...serviceRecords('2024-06-01'), position: '0' }, t.keys.auditor).expect(200)).body;
    expect(hypothetical).toMatchObject({ legal: true, requirement: 'none', position: '0', notes: NOTHING });
    expect(hypothetical.explanation).toMatch(/no regime is in force on 2024-06-01\. Nothing of policy is known as of position 0: /);

    const then = (await get('/v1/transfers/nothing-known/legality?position=0').expect(200)).body;
    expect(then).toMatchObject({ legal: true, position: '0', notes: NOTHING, changed: false, recordedVerdict: { notes: NOTHING } });
    // Replay: recomputed at its own cut, the recorded verdict exactly, notes and explanation included.
    const { transferId: _id, recordedVerdict: _recorded, changed: _changed, ...verdict } = then;
    expect(verdict).toEqual(recorded.verdict);

    // As known now: the pack lifts the designation it brought, no note.
    const now = (await get('/v1/transfers/nothing-known/legality').expect(200)).body;
    expect(now).toMatchObject({ legal: true, notes: [], changed: false });
    const before2022 = (await post('/v1/legality/evaluate', serviceRecords('2022-01-01'), t.keys.auditor).expect(200)).body;
    expect(before2022).toMatchObject({ legal: false, requirement: 'security-assessment', notes: ['no-regime-in-force'] });
    expect(before2022.explanation).toMatch(/No regime is in force on 2022-01-01, so no threshold applies\.$/);
  });

  it('a verdict recorded before notes existed reads notes: [] in GET /v1/transfers/{id}, its legality and a repeated POST', async () => {
    const declaration = { transferId: 'old-verdict', ...serviceRecords('2024-06-01'), personalInfoSubjects: 0, sensitivePersonalInfoSubjects: 0, importantData: false, purpose: 'ordinary' };
    const current = (await on(t).post('/v1/legality/evaluate', serviceRecords('2024-06-01'), t.keys.auditor).expect(200)).body;
    const { notes: _notes, ...oldVerdict } = current;
    await t.store.append(transferStream('old-verdict'), [{ id: uuidv7(), type: 'TransferRecorded', data: { ...declaration, date: '2024-06-01', verdict: oldVerdict } }]);
    expect((await t.store.readStream(transferStream('old-verdict')))[0].data.verdict).not.toHaveProperty('notes');

    expect((await on(t).get('/v1/transfers/old-verdict').expect(200)).body.recordedVerdict).toEqual({ ...oldVerdict, notes: [] });
    const legality = (await on(t).get('/v1/transfers/old-verdict/legality').expect(200)).body;
    expect(legality).toMatchObject({ changed: false, notes: [], recordedVerdict: { ...oldVerdict, notes: [] } });
    const repeated = await on(t).post('/v1/transfers', { transferId: 'old-verdict', ...serviceRecords('2024-06-01') }, t.keys.service).expect(200);
    expect(repeated.body.verdict).toEqual({ ...oldVerdict, notes: [] });
  });
});

describe('back-filling a whole history in one go on an empty ledger: the Lingang pack, its renewal, a later early end', () => {
  let t: TestApp;
  /** Positions: the pack loaded, the renewal recorded (2026-05-17), the early end recorded (2025-11-17). */
  let pack: string;
  let renewal: string;
  let earlyEnd: string;
  const recorded: Record<string, { position: string; verdict: { legal: boolean; position: string } }> = {};

  beforeAll(async () => {
    t = await createTestApp({ clock: today() });
    const { post } = on(t);
    const record = async (transferId: string, date: string) => {
      recorded[transferId] = (await post('/v1/transfers', { transferId, ...serviceRecords(date) }, t.keys.service).expect(201)).body;
    };
    pack = (await postPack(t)).position;
    await record('in-renewal', '2025-06-01');
    renewal = (await post(`/v1/data-lists/${LIST}/extensions`, { effectiveUntil: '2026-05-17' }).expect(201)).body.position;
    await record('after-early-end', '2025-12-01');
    earlyEnd = (await post(`/v1/data-lists/${LIST}/terminations`, { effectiveUntil: '2025-11-17' }).expect(201)).body.position;
  });
  afterAll(() => t.close());

  const legalOn = async (date: string, position: string): Promise<boolean> =>
    (await on(t).post('/v1/legality/evaluate', { ...serviceRecords(date), position }, t.keys.auditor).expect(200)).body.legal;

  it('answers verdicts before, inside and after each term, as known before and after each late record', async () => {
    // [date, legal as known after the pack, after the renewal, after the early end]
    const expected: [string, boolean, boolean, boolean][] = [
      ['2024-05-16', false, false, false], // before the term
      ['2024-11-01', true, true, true], // inside the first term
      ['2025-05-16', true, true, true], // its last day
      ['2025-05-17', false, true, true], // the old term end: lapsed until the renewal was known
      ['2025-11-16', false, true, true], // the last day as ended early
      ['2025-11-17', false, true, false], // the early end
      ['2026-05-16', false, true, false], // the renewal's last day
      ['2026-05-17', false, false, false], // after the renewal
    ];
    const cuts = [pack, renewal, earlyEnd];
    const answered = [];
    for (const [date] of expected) answered.push([date, ...(await Promise.all(cuts.map((cut) => legalOn(date, cut))))]);
    expect(answered).toEqual(expected);
    // Before the pack's list was known, nothing is lifted; before anything, nothing is known.
    const listPosition = (await t.store.readStream(`data-list-${LIST}`))[0].position;
    expect(await legalOn('2024-11-01', (listPosition - 1n).toString())).toBe(false);
    expect((await on(t).post('/v1/legality/evaluate', { ...serviceRecords('2024-11-01'), position: '0' }, t.keys.auditor).expect(200)).body.notes).toEqual([
      'no-regime-in-force',
      'no-policy-known',
    ]);
  });

  it('keeps each recorded verdict, recomputes it exactly at its own cut, and reports the change each late record made', async () => {
    const legality = async (transferId: string, position?: string) =>
      (await on(t).get(`/v1/transfers/${transferId}/legality${position ? `?position=${position}` : ''}`).expect(200)).body;

    // Recorded between the pack and the renewal: illegal then (lapsed), legal once the renewal is known.
    expect(recorded['in-renewal'].verdict).toMatchObject({ legal: false, position: pack, notes: [] });
    const replayed = await legality('in-renewal', recorded['in-renewal'].verdict.position);
    const { transferId: _id, recordedVerdict: _recorded, changed: _changed, ...verdict } = replayed;
    expect(verdict).toEqual(recorded['in-renewal'].verdict);
    expect(await legality('in-renewal', renewal)).toMatchObject({ legal: true, changed: true });
    expect(await legality('in-renewal')).toMatchObject({ legal: true, changed: true });

    // Recorded inside the renewal, after the early end: legal then, illegal once the early end is known.
    expect(recorded['after-early-end'].verdict).toMatchObject({ legal: true });
    expect(await legality('after-early-end', recorded['after-early-end'].verdict.position)).toMatchObject({ legal: true, changed: false });
    const now = await legality('after-early-end');
    expect(now).toMatchObject({ legal: false, changed: true, recordedVerdict: { legal: true } });
    expect(now.differences.map((d: { aspect: string }) => d.aspect)).toEqual(['legal', 'requirement', 'classification']);
  });

  it('records one expiry, for the term end as known now, once the scheduler passes (each with the id of its term end)', async () => {
    await t.app.get(ExpiryScheduler).runOnce();
    const expiries = await expiriesInTimeline(t);
    expect(expiries).toContainEqual({ eventId: expiryEventId(LIST, '2025-11-17'), until: '2025-11-17' });
    for (const { eventId, until } of expiries) expect(eventId).toBe(expiryEventId(LIST, String(until)));
    expect(new Set(expiries.map((e) => e.until)).size).toBe(expiries.length);
    expect((await on(t).get(`/v1/data-lists/${LIST}`).expect(200)).body.current).toMatchObject({ termEnd: '2025-11-17', expiredOn: '2025-11-17' });
  });
});
