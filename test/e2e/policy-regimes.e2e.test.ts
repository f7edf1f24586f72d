import { answerFor, fieldsNamed, refused, usePolicyApp } from './policy-http.js';

const regime = (regimeId: string, more: object = {}) => ({
  regimeId,
  title: 'Provisions on promoting and regulating cross-border data flows',
  effectiveFrom: '2024-03-22',
  countingWindow: 'calendar-year',
  thresholds: [
    { metric: 'personalInfoSubjects', atLeast: 100_000, requirement: 'standard-contract' },
    { metric: 'sensitivePersonalInfoSubjects', atLeast: 10_000, requirement: 'security-assessment' },
  ],
  exemptPurposes: ['emergency'],
  ...more,
});

describe('policy over HTTP: regimes', () => {
  const { app, http } = usePolicyApp();

  it('enacts (201), repeats the identical body (200, the original answer), refuses other content (409)', async () => {
    const created = await http.post('/v1/regimes', regime('r-enact')).expect(201);
    expect(created.body).toEqual(answerFor('r-enact'));
    const again = await http.post('/v1/regimes', regime('r-enact')).expect(200);
    expect(again.body).toEqual(created.body);
    await refused(app(), 409, () => http.post('/v1/regimes', regime('r-enact', { title: 'other' })));
  });

  it('names every bad field and appends nothing', async () => {
    const response = await refused(app(), 400, () =>
      http.post(
        '/v1/regimes',
        regime('bad id!', {
          effectiveFrom: '2025-02-30',
          countingWindow: 'fortnight',
          thresholds: [{ metric: 'personalInfoSubjects', atLeast: 1.5, requirement: 'prohibited' }],
          exemptPurposes: ['leisure'],
          extra: true,
        }),
      ),
    );
    expect(fieldsNamed(response)).toEqual(
      expect.arrayContaining(['regimeId', 'effectiveFrom', 'countingWindow', 'thresholds.0.atLeast', 'thresholds.0.requirement', 'exemptPurposes', 'extra']),
    );
  });

  it('refuses an effectiveUntil that is not after effectiveFrom, naming it', async () => {
    const response = await refused(app(), 400, () => http.post('/v1/regimes', regime('r-interval', { effectiveUntil: '2024-03-22' })));
    expect(response.body.message).toEqual(['effectiveUntil must be later than effectiveFrom']);
  });

  it('amends with PUT (200), repeats (200, same answer), 404 for an unknown id, 400 when the body id is not the path id', async () => {
    const created = await http.post('/v1/regimes', regime('r-amend')).expect(201);
    const amended = await http.put('/v1/regimes/r-amend', regime('r-amend', { exemptPurposes: [] })).expect(200);
    expect(amended.body).toEqual(answerFor('r-amend'));
    expect(amended.body.eventId).not.toBe(created.body.eventId);
    expect((await http.put('/v1/regimes/r-amend', regime('r-amend', { exemptPurposes: [] })).expect(200)).body).toEqual(amended.body);
    await refused(app(), 404, () => http.put('/v1/regimes/r-unknown', regime('r-unknown')));
    const mismatch = await refused(app(), 400, () => http.put('/v1/regimes/r-amend', regime('r-other')));
    expect(fieldsNamed(mismatch)).toEqual(['regimeId']);
  });

  it('repeals from a date (201), repeats (200), refuses another date (409) and an unknown regime (404)', async () => {
    await http.post('/v1/regimes', regime('r-repeal')).expect(201);
    const repealed = await http.post('/v1/regimes/r-repeal/repeals', { effectiveFrom: '2026-01-01' }).expect(201);
    expect((await http.post('/v1/regimes/r-repeal/repeals', { effectiveFrom: '2026-01-01' }).expect(200)).body).toEqual(repealed.body);
    await refused(app(), 409, () => http.post('/v1/regimes/r-repeal/repeals', { effectiveFrom: '2026-02-01' }));
    await refused(app(), 404, () => http.post('/v1/regimes/r-nothing/repeals', { effectiveFrom: '2026-01-01' }));
    expect(fieldsNamed(await refused(app(), 400, () => http.post('/v1/regimes/r-repeal/repeals', {})))).toEqual(['effectiveFrom']);
  });

  it('reads a regime with its history, as known now and at an earlier position or instant', async () => {
    const created = await http.post('/v1/regimes', regime('r-read')).expect(201);
    const amended = await http.put('/v1/regimes/r-read', regime('r-read', { title: 'amended' })).expect(200);
    const now = await http.get('/v1/regimes/r-read').expect(200);
    expect(now.body).toMatchObject({ id: 'r-read', kind: 'regime', current: { content: { title: 'amended' } } });
    expect(now.body.history.map((e: { type: string; eventId: string; position: string }) => [e.type, e.eventId, e.position])).toEqual([
      ['RegimeEnacted', created.body.eventId, created.body.position],
      ['RegimeAmended', amended.body.eventId, amended.body.position],
    ]);
    const then = await http.get(`/v1/regimes/r-read?position=${created.body.position}`, app().keys.regulator).expect(200);
    expect(then.body.current.content.title).toBe(regime('r-read').title);
    expect(then.body.history).toHaveLength(1);
    const enactedAt = now.body.history[0].recordedAt as string;
    const known = await http.get(`/v1/regimes/r-read?knownAt=${encodeURIComponent(enactedAt)}`).expect(200);
    expect(known.body.history.length).toBeGreaterThanOrEqual(1);
    expect(known.body.history[0].eventId).toBe(created.body.eventId);
    await http.get('/v1/regimes/r-read?knownAt=2000-01-01T00:00:00Z').expect(404);
    // An offset's `+` sent without percent-encoding arrives as a space: still read as the offset.
    await http.get('/v1/regimes/r-read?knownAt=2000-01-01T08:00:00+08:00').expect(404);
    const later = await http.get('/v1/regimes/r-read?knownAt=2999-01-01T08:00:00+08:00').expect(200);
    expect(later.body.history).toHaveLength(2);
  });

  it('refuses malformed cuts and a position beyond the head, naming the parameter', async () => {
    await http.post('/v1/regimes', regime('r-cut')).expect(201);
    expect(fieldsNamed(await http.get('/v1/regimes/r-cut?position=abc').expect(400))).toEqual(['position']);
    // One past the head, not a big constant: on EventStoreDB positions are byte offsets in the log.
    const beyondHead = (await app().store.headPosition())! + 1n;
    expect(fieldsNamed(await http.get(`/v1/regimes/r-cut?position=${beyondHead}`).expect(400))).toEqual(['position']);
    expect(fieldsNamed(await http.get('/v1/regimes/r-cut?knownAt=yesterday').expect(400))).toEqual(['knownAt']);
    expect(fieldsNamed(await http.get('/v1/regimes/r-cut?knownAt=2024-01-01T00:00:00Z&position=1').expect(400)).sort()).toEqual(['knownAt', 'position']);
    await http.get('/v1/regimes/nothing-here').expect(404);
  });
});
