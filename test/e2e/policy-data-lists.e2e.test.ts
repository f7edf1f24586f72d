import { FixedClock } from '../../src/common/clock.js';
import { answerFor, fieldsNamed, refused, usePolicyApp } from './policy-http.js';

const serviceRecords = { field: 'icv', category: 'after-sales/service-records' };
const list = (listId: string, more: object = {}) => ({
  listId,
  kind: 'general',
  title: 'Lingang general data list (pilot)',
  zones: ['cn-shanghai-lingang'],
  effectiveFrom: '2024-05-17',
  termMonths: 12,
  entries: [serviceRecords, { field: 'biomedicine' }],
  ...more,
});

describe('policy over HTTP: data lists', () => {
  // Today is 2024-12-01 in Shanghai: the pilot's term (until 2025-05-17) runs.
  const clock = new FixedClock(new Date('2024-12-01T00:00:00+08:00'));
  const { app, http } = usePolicyApp({ clock });

  it('publishes (201) with the term resolved from termMonths, repeats (200), refuses other content (409)', async () => {
    const created = await http.post('/v1/data-lists', list('l-create')).expect(201);
    expect(created.body).toEqual(answerFor('l-create'));
    expect((await http.post('/v1/data-lists', list('l-create')).expect(200)).body).toEqual(created.body);
    await refused(app(), 409, () => http.post('/v1/data-lists', list('l-create', { termMonths: 24 })));
    const read = await http.get('/v1/data-lists/l-create').expect(200);
    expect(read.body.current).toMatchObject({ termEnd: '2025-05-17', content: { effectiveUntil: '2025-05-17', termMonths: 12 } });
  });

  it('refuses termMonths with effectiveUntil, a zero term, no zones, unknown kinds and too many entries, naming each', async () => {
    expect(fieldsNamed(await refused(app(), 400, () => http.post('/v1/data-lists', list('l-both', { effectiveUntil: '2025-01-01' }))))).toEqual(['termMonths']);
    const many = Array.from({ length: 1001 }, (_, i) => ({ field: 'icv', category: `c${i}` }));
    const response = await refused(app(), 400, () => http.post('/v1/data-lists', list('l-bad', { termMonths: 0, zones: [], kind: 'grey', entries: many })));
    expect(fieldsNamed(response)).toEqual(expect.arrayContaining(['termMonths', 'zones', 'kind', 'entries']));
    const entry = await refused(app(), 400, () => http.post('/v1/data-lists', list('l-entry', { entries: [{ category: 'x' }] })));
    expect(fieldsNamed(entry)).toContain('entries.0.field');
  });

  it('expands within the term (201, then 200), refuses an entry already on the list and dates outside the term', async () => {
    await http.post('/v1/data-lists', list('l-expand')).expect(201);
    const body = { effectiveFrom: '2024-09-01', entries: [{ field: 'icv', category: 'rnd/testing' }] };
    const expanded = await http.post('/v1/data-lists/l-expand/expansions', body).expect(201);
    expect((await http.post('/v1/data-lists/l-expand/expansions', body).expect(200)).body).toEqual(expanded.body);
    expect(fieldsNamed(await refused(app(), 400, () => http.post('/v1/data-lists/l-expand/expansions', { effectiveFrom: '2024-10-01', entries: [serviceRecords] })))).toEqual(['entries.0']);
    expect(fieldsNamed(await refused(app(), 400, () => http.post('/v1/data-lists/l-expand/expansions', { ...body, effectiveFrom: '2025-05-17' })))).toEqual(['effectiveFrom']);
    expect(fieldsNamed(await refused(app(), 400, () => http.post('/v1/data-lists/l-expand/expansions', { effectiveFrom: '2024-09-01', entries: [] })))).toEqual(['entries']);
    await refused(app(), 404, () => http.post('/v1/data-lists/l-none/expansions', body));
  });

  it('withdraws only entries on the list (201), and shows each entry over valid time', async () => {
    await http.post('/v1/data-lists', list('l-withdraw')).expect(201);
    await http.post('/v1/data-lists/l-withdraw/withdrawals', { effectiveFrom: '2024-10-01', entries: [serviceRecords] }).expect(201);
    const response = await refused(app(), 400, () => http.post('/v1/data-lists/l-withdraw/withdrawals', { effectiveFrom: '2024-10-01', entries: [{ field: 'public-funds' }] }));
    expect(response.body.message).toEqual(['entries.0 is not on the list on 2024-10-01']);
    const read = await http.get('/v1/data-lists/l-withdraw').expect(200);
    expect(read.body.current.entries).toEqual([
      { ...serviceRecords, periods: [{ effectiveFrom: '2024-05-17', effectiveUntil: '2024-10-01' }] },
      { field: 'biomedicine', periods: [{ effectiveFrom: '2024-05-17' }] },
    ]);
  });

  it('extends to a later end (201, then 200) and refuses one that is not later (400)', async () => {
    await http.post('/v1/data-lists', list('l-extend')).expect(201);
    const extended = await http.post('/v1/data-lists/l-extend/extensions', { effectiveUntil: '2026-05-17' }).expect(201);
    expect((await http.post('/v1/data-lists/l-extend/extensions', { effectiveUntil: '2026-05-17' }).expect(200)).body).toEqual(extended.body);
    const response = await refused(app(), 400, () => http.post('/v1/data-lists/l-extend/extensions', { effectiveUntil: '2026-01-01' }));
    expect(response.body.message).toEqual(['effectiveUntil must be later than the current term end (2026-05-17)']);
    expect((await http.get('/v1/data-lists/l-extend').expect(200)).body.current.termEnd).toBe('2026-05-17');
  });

  it('terminates earlier than the term end and not before effectiveFrom (201), 400 otherwise', async () => {
    await http.post('/v1/data-lists', list('l-terminate')).expect(201);
    expect(fieldsNamed(await refused(app(), 400, () => http.post('/v1/data-lists/l-terminate/terminations', { effectiveUntil: '2025-05-17' })))).toEqual(['effectiveUntil']);
    expect(fieldsNamed(await refused(app(), 400, () => http.post('/v1/data-lists/l-terminate/terminations', { effectiveUntil: '2024-05-16' })))).toEqual(['effectiveUntil']);
    await http.post('/v1/data-lists/l-terminate/terminations', { effectiveUntil: '2025-01-01' }).expect(201);
    await refused(app(), 404, () => http.post('/v1/data-lists/l-none/terminations', { effectiveUntil: '2025-01-01' }));
  });

  it('extends a list whose term has ended by the clock (a renewal) and terminates it earlier than the term end as known', async () => {
    await http.post('/v1/data-lists', list('l-ended', { effectiveFrom: '2023-01-01', termMonths: 6 })).expect(201);
    await http.post('/v1/data-lists/l-ended/extensions', { effectiveUntil: '2025-07-01' }).expect(201);
    expect((await http.get('/v1/data-lists/l-ended').expect(200)).body.current.termEnd).toBe('2025-07-01');
    await http.post('/v1/data-lists/l-ended/terminations', { effectiveUntil: '2023-03-01' }).expect(201);
    expect((await http.get('/v1/data-lists/l-ended').expect(200)).body.current.termEnd).toBe('2023-03-01');
    const response = await refused(app(), 400, () => http.post('/v1/data-lists/l-ended/terminations', { effectiveUntil: '2023-05-01' }));
    expect(response.body.message).toEqual(['effectiveUntil must be earlier than the current term end (2023-03-01)']);
  });

  it('amends the content with PUT (200; earlier expansions still apply), 404 unknown, 400 for a path/body id mismatch', async () => {
    await http.post('/v1/data-lists', list('l-amend')).expect(201);
    await http.post('/v1/data-lists/l-amend/expansions', { effectiveFrom: '2024-09-01', entries: [{ field: 'public-funds' }] }).expect(201);
    const amended = await http.put('/v1/data-lists/l-amend', list('l-amend', { title: 'amended', entries: [serviceRecords] })).expect(200);
    expect(amended.body).toEqual(answerFor('l-amend'));
    const read = await http.get('/v1/data-lists/l-amend').expect(200);
    expect(read.body.current.entries.map((e: { field: string }) => e.field)).toEqual(['icv', 'public-funds']);
    await refused(app(), 404, () => http.put('/v1/data-lists/l-none', list('l-none')));
    expect(fieldsNamed(await refused(app(), 400, () => http.put('/v1/data-lists/l-amend', list('l-other'))))).toEqual(['listId']);
  });
});
