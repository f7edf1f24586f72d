import { answerFor, fieldsNamed, refused, usePolicyApp } from './policy-http.js';

const LINGANG = 'cn-shanghai-lingang';

describe('policy over HTTP: companies', () => {
  const { app, http } = usePolicyApp();

  it('registers a company in a zone (201), repeats (200), refuses an overlapping other registration (409)', async () => {
    const created = await http.post('/v1/companies/c-reg/registrations', { zoneId: LINGANG, effectiveFrom: '2018-10-17' }).expect(201);
    expect(created.body).toEqual(answerFor('c-reg'));
    expect((await http.post('/v1/companies/c-reg/registrations', { zoneId: LINGANG, effectiveFrom: '2018-10-17' }).expect(200)).body).toEqual(created.body);
    await refused(app(), 409, () => http.post('/v1/companies/c-reg/registrations', { zoneId: LINGANG, effectiveFrom: '2020-01-01' }));
    await http.post('/v1/companies/c-reg/registrations', { zoneId: 'cn-hainan-ftp', effectiveFrom: '2020-01-01', effectiveUntil: '2022-01-01' }).expect(201);
  });

  it('names bad input: the zone id, the dates, the interval order, the company id in the path', async () => {
    const response = await refused(app(), 400, () => http.post('/v1/companies/c-bad/registrations', { zoneId: '', effectiveFrom: '2024-13-01' }));
    expect(fieldsNamed(response)).toEqual(expect.arrayContaining(['zoneId', 'effectiveFrom']));
    expect(fieldsNamed(await refused(app(), 400, () => http.post('/v1/companies/c-bad/registrations', { zoneId: LINGANG, effectiveFrom: '2024-01-01', effectiveUntil: '2023-01-01' })))).toEqual([
      'effectiveUntil',
    ]);
    expect(fieldsNamed(await refused(app(), 400, () => http.post(`/v1/companies/${'x'.repeat(129)}/registrations`, { zoneId: LINGANG, effectiveFrom: '2024-01-01' })))).toEqual([
      'companyId',
    ]);
  });

  it('deregisters (201, then 200); names zoneId for a zone the company is not registered in, also for a company id never seen', async () => {
    await http.post('/v1/companies/c-dereg/registrations', { zoneId: LINGANG, effectiveFrom: '2018-10-17' }).expect(201);
    const ended = await http.post('/v1/companies/c-dereg/deregistrations', { zoneId: LINGANG, effectiveFrom: '2025-01-01' }).expect(201);
    expect((await http.post('/v1/companies/c-dereg/deregistrations', { zoneId: LINGANG, effectiveFrom: '2025-01-01' }).expect(200)).body).toEqual(ended.body);
    const response = await refused(app(), 400, () => http.post('/v1/companies/c-dereg/deregistrations', { zoneId: 'cn-hainan-ftp', effectiveFrom: '2025-01-01' }));
    expect(response.body.message).toEqual(['zoneId company c-dereg is not registered in zone cn-hainan-ftp']);
    const unseen = await refused(app(), 400, () => http.post('/v1/companies/c-none/deregistrations', { zoneId: LINGANG, effectiveFrom: '2025-01-01' }));
    expect(unseen.body.message).toEqual(['zoneId company c-none is not registered in zone cn-shanghai-lingang']);
    const read = await http.get('/v1/companies/c-dereg').expect(200);
    expect(read.body.current.registrations).toEqual([{ zoneId: LINGANG, effectiveFrom: '2018-10-17', effectiveUntil: '2025-01-01' }]);
  });

  it('designates and lifts CIIO status (201), repeats (200), 409 for the same status at another date', async () => {
    await http.post('/v1/companies/c-ciio/registrations', { zoneId: LINGANG, effectiveFrom: '2018-10-17' }).expect(201);
    const designated = await http.post('/v1/companies/c-ciio/ciio', { ciio: true, effectiveFrom: '2025-01-01' }).expect(201);
    expect((await http.post('/v1/companies/c-ciio/ciio', { ciio: true, effectiveFrom: '2025-01-01' }).expect(200)).body).toEqual(designated.body);
    await refused(app(), 409, () => http.post('/v1/companies/c-ciio/ciio', { ciio: true, effectiveFrom: '2025-02-01' }));
    await http.post('/v1/companies/c-ciio/ciio', { ciio: false, effectiveFrom: '2025-07-01' }).expect(201);
    expect(fieldsNamed(await refused(app(), 400, () => http.post('/v1/companies/c-ciio/ciio', { ciio: 'yes', effectiveFrom: '2025-01-01' })))).toEqual(['ciio']);
    const read = await http.get('/v1/companies/c-ciio').expect(200);
    expect(read.body.current.ciio).toEqual([
      { ciio: true, effectiveFrom: '2025-01-01' },
      { ciio: false, effectiveFrom: '2025-07-01' },
    ]);
  });

  it('answers 404 for a company never registered', async () => {
    await http.get('/v1/companies/c-none').expect(404);
  });
});
