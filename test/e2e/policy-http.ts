import type { Response } from 'supertest';
import type { TestApp } from '../support/test-app.js';

/** Requests as the regulator (or another key), for the policy e2e tests. */
export const policyHttp = (t: TestApp) => ({
  post: (path: string, body: object, key = t.keys.regulator) => t.http.post(path).set(t.auth(key)).send(body),
  put: (path: string, body: object, key = t.keys.regulator) => t.http.put(path).set(t.auth(key)).send(body),
  get: (path: string, key = t.keys.auditor) => t.http.get(path).set(t.auth(key)),
});

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
