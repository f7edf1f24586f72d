import type { Response } from 'supertest';
import { createTestApp, type TestApp, type TestAppOptions } from '../support/test-app.js';

/** Requests as the regulator (writes) or the auditor (reads) unless another key is given. */
const policyHttp = (app: () => TestApp) => ({
  post: (path: string, body: object, key = app().keys.regulator) => app().http.post(path).set(app().auth(key)).send(body),
  put: (path: string, body: object, key = app().keys.regulator) => app().http.put(path).set(app().auth(key)).send(body),
  get: (path: string, key = app().keys.auditor) => app().http.get(path).set(app().auth(key)),
});

/** One test app for the enclosing `describe` (started before its tests, closed after), and requests on it. */
export function usePolicyApp(options: TestAppOptions = {}) {
  let started: TestApp | undefined;
  beforeAll(async () => {
    started = await createTestApp(options);
  });
  afterAll(() => started?.close());
  const app = (): TestApp => {
    if (!started) throw new Error('the test app is not started yet: use it inside a test');
    return started;
  };
  return { app, http: policyHttp(app) };
}

/** The answer of a policy command: `{id, eventId, position}` and nothing else. */
export const answerFor = (id: string) => ({ id, eventId: expect.stringMatching(/^[0-9a-f-]{36}$/), position: expect.stringMatching(/^[1-9][0-9]*$/) });

/** The fields a 400 names: each message is "<field> <reason>". */
export const fieldsNamed = (response: Response): string[] => (response.body.message as string[]).map((m) => m.split(' ')[0]);

/** Sends a request that must be refused with `status`, and checks that the log head did not move. */
export async function refused(t: TestApp, status: number, request: () => PromiseLike<Response>): Promise<Response> {
  const head = await t.store.headPosition();
  const response = await request();
  expect({ status: response.status, body: response.body }).toEqual({ status, body: expect.objectContaining({ statusCode: status }) });
  expect(await t.store.headPosition()).toBe(head);
  return response;
}
