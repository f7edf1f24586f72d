/**
 * A small HTTP client for the demo: it talks to the ledger the way any other system would
 * (docs/api.md), over a real socket, with bearer keys. An unexpected status stops the story with
 * the ledger's own error message.
 */
export class LedgerClient {
  constructor(private readonly baseUrl: string) {}

  async send<T>(method: 'GET' | 'POST' | 'PUT', path: string, key: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const answer = (await response.json()) as T & { message?: string | string[] };
    if (response.status >= 300) {
      const message = Array.isArray(answer.message) ? answer.message.join('; ') : answer.message;
      throw new Error(`${method} ${path} answered ${response.status}: ${message ?? 'no message'}`);
    }
    return answer;
  }

  get<T>(path: string, key: string): Promise<T> {
    return this.send<T>('GET', path, key);
  }

  post<T>(path: string, key: string, body: unknown): Promise<T> {
    return this.send<T>('POST', path, key, body);
  }
}
