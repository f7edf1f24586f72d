import { answerFor, fieldsNamed, refused, usePolicyApp } from './policy-http.js';

const instrument = (instrumentId: string, more: object = {}) => ({
  instrumentId,
  companyId: 'tesla-shanghai',
  kind: 'standard-contract',
  scope: { fields: ['icv'], categories: [{ field: 'biomedicine', category: 'clinical-trials-rnd' }], destinations: ['DE', 'US'] },
  effectiveFrom: '2024-06-01',
  effectiveUntil: '2027-06-01',
  ...more,
});

describe('policy over HTTP: instruments', () => {
  const { app, http } = usePolicyApp();

  it('grants (201), repeats (200, the original answer), refuses other content (409)', async () => {
    const created = await http.post('/v1/instruments', instrument('i-grant')).expect(201);
    expect(created.body).toEqual(answerFor('i-grant'));
    expect((await http.post('/v1/instruments', instrument('i-grant')).expect(200)).body).toEqual(created.body);
    await refused(app(), 409, () => http.post('/v1/instruments', instrument('i-grant', { kind: 'security-assessment' })));
  });

  it('refuses destinations that are not assigned upper-case ISO 3166-1 alpha-2 codes, naming the scope field', async () => {
    for (const destinations of [['XX'], ['de'], ['DEU']]) {
      const response = await refused(app(), 400, () => http.post('/v1/instruments', instrument('i-dest', { scope: { destinations } })));
      expect(fieldsNamed(response)).toContain('scope.destinations');
    }
  });

  it('requires effectiveUntil after effectiveFrom, a known kind and a scope object; unknown scope members are refused', async () => {
    const { effectiveUntil: _until, ...open } = instrument('i-open');
    expect(fieldsNamed(await refused(app(), 400, () => http.post('/v1/instruments', open)))).toContain('effectiveUntil');
    expect(fieldsNamed(await refused(app(), 400, () => http.post('/v1/instruments', instrument('i-back', { effectiveUntil: '2024-05-31' }))))).toEqual(['effectiveUntil']);
    const response = await refused(app(), 400, () => http.post('/v1/instruments', instrument('i-kind', { kind: 'licence', scope: { regions: ['EU'] } })));
    expect(fieldsNamed(response)).toEqual(expect.arrayContaining(['kind', 'scope.regions']));
  });

  it('amends (200, then the same answer again); 404 for an unknown instrument', async () => {
    await http.post('/v1/instruments', instrument('i-amend')).expect(201);
    const amended = await http.put('/v1/instruments/i-amend', instrument('i-amend', { scope: {} })).expect(200);
    expect((await http.put('/v1/instruments/i-amend', instrument('i-amend', { scope: {} })).expect(200)).body).toEqual(amended.body);
    await refused(app(), 404, () => http.put('/v1/instruments/i-none', instrument('i-none')));
  });

  it('revokes once: 201, then 200 for the same date, 409 for another, 404 for an unknown instrument', async () => {
    await http.post('/v1/instruments', instrument('i-revoke')).expect(201);
    const revoked = await http.post('/v1/instruments/i-revoke/revocations', { effectiveFrom: '2025-01-01' }).expect(201);
    expect((await http.post('/v1/instruments/i-revoke/revocations', { effectiveFrom: '2025-01-01' }).expect(200)).body).toEqual(revoked.body);
    await refused(app(), 409, () => http.post('/v1/instruments/i-revoke/revocations', { effectiveFrom: '2025-02-01' }));
    await refused(app(), 404, () => http.post('/v1/instruments/i-none/revocations', { effectiveFrom: '2025-01-01' }));
    const read = await http.get('/v1/instruments/i-revoke').expect(200);
    expect(read.body.current.revokedFrom).toBe('2025-01-01');
  });
});
