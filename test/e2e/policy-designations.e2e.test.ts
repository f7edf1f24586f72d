import { answerFor, fieldsNamed, refused, usePolicyApp } from './policy-http.js';

const designation = (designationId: string, more: object = {}) => ({
  designationId,
  field: 'icv',
  category: 'road/exterior-video',
  classification: 'important',
  effectiveFrom: '2021-10-01',
  ...more,
});

describe('policy over HTTP: designations', () => {
  const { app, http } = usePolicyApp();

  it('designates (201), repeats (200, the original answer), refuses other content (409)', async () => {
    const created = await http.post('/v1/designations', designation('d-create')).expect(201);
    expect(created.body).toEqual(answerFor('d-create'));
    expect((await http.post('/v1/designations', designation('d-create')).expect(200)).body).toEqual(created.body);
    await refused(app(), 409, () => http.post('/v1/designations', designation('d-create', { classification: 'core' })));
  });

  it('names an unknown classification, a missing field, a too long category and a date that does not exist', async () => {
    const { field: _field, ...withoutField } = designation('d-bad', { classification: 'secret', category: 'x'.repeat(201), effectiveUntil: '2023-02-29' });
    const response = await refused(app(), 400, () => http.post('/v1/designations', withoutField));
    expect(fieldsNamed(response)).toEqual(expect.arrayContaining(['classification', 'field', 'category', 'effectiveUntil']));
  });

  it('amends (200) and answers a repeat of the amendment with it; 404 for an unknown designation', async () => {
    await http.post('/v1/designations', designation('d-amend')).expect(201);
    const amended = await http.put('/v1/designations/d-amend', designation('d-amend', { classification: 'core' })).expect(200);
    expect((await http.put('/v1/designations/d-amend', designation('d-amend', { classification: 'core' })).expect(200)).body).toEqual(amended.body);
    await refused(app(), 404, () => http.put('/v1/designations/d-none', designation('d-none')));
    expect(fieldsNamed(await refused(app(), 400, () => http.put('/v1/designations/d-amend', designation('d-other'))))).toEqual(['designationId']);
  });

  it('lifts from a date (201), once; 409 for another date, 404 for an unknown designation, 400 before it began', async () => {
    await http.post('/v1/designations', designation('d-lift')).expect(201);
    const lifted = await http.post('/v1/designations/d-lift/lifts', { effectiveFrom: '2025-01-01' }).expect(201);
    expect((await http.post('/v1/designations/d-lift/lifts', { effectiveFrom: '2025-01-01' }).expect(200)).body).toEqual(lifted.body);
    await refused(app(), 409, () => http.post('/v1/designations/d-lift/lifts', { effectiveFrom: '2025-06-01' }));
    await refused(app(), 404, () => http.post('/v1/designations/d-none/lifts', { effectiveFrom: '2025-01-01' }));
    await http.post('/v1/designations', designation('d-early')).expect(201);
    expect(fieldsNamed(await refused(app(), 400, () => http.post('/v1/designations/d-early/lifts', { effectiveFrom: '2021-09-30' })))).toEqual(['effectiveFrom']);
    const read = await http.get('/v1/designations/d-lift').expect(200);
    expect(read.body.current).toEqual({ content: designation('d-lift'), liftedFrom: '2025-01-01' });
  });
});
