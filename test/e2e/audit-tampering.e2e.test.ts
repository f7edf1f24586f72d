import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { RecordedEvent } from '../../src/event-store/event-store.port.js';
import { makeTempDir } from '../support/event-store/temp-dir.js';
import { runCli } from '../support/run-cli.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/**
 * Someone with write access edits the SQLite file behind the ledger's back: chain verification
 * must name the edited event, over HTTP and through `cli.ts verify` (run as `npm run verify`
 * runs it, from the environment, in its own process). SQLite-file specific by design.
 */

describe('audit: a tampered SQLite file is named by verification, over HTTP and by the CLI', () => {
  const dir = makeTempDir('ledger-audit-tamper');
  const file = join(dir.path, 'ledger.sqlite');
  const url = `sqlite:${file}`;
  let t: TestApp | undefined;
  let published: RecordedEvent;
  let head: string;

  const verification = async (app: TestApp) => (await app.http.get('/v1/audit/verification').set(app.auth(app.keys.auditor)).expect(200)).body;

  beforeAll(async () => {
    t = await createTestApp({ storeUrl: url, seed: 'lingang' });
    const log = await t.store.readAll();
    published = log.find((e) => e.type === 'DataListPublished')!;
    head = log[log.length - 1].position.toString(10);
  });
  afterAll(async () => {
    await t?.close();
    dir.remove();
  });

  it('the untouched file verifies: 200 with ok over HTTP, exit code 0 from the CLI (while the ledger has the file open)', async () => {
    expect(await verification(t!)).toMatchObject({ ok: true, headPosition: head });
    const run = await runCli(['verify'], url);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toContain(`chains verified`);
    expect(run.stdout).toContain(`up to position ${head}`);
  });

  it("an edited event's data: 200 with ok false naming that event over HTTP, exit code 1 naming it from the CLI", async () => {
    await t!.close();
    t = undefined;
    const db = new Database(file);
    // The regulator's list now "covers" road video: an edit that would change verdicts.
    db.prepare("UPDATE events SET data = json_set(data, '$.entries[0].category', 'road/exterior-video') WHERE id = ?").run(published.id);
    db.close();

    t = await createTestApp({ storeUrl: url });
    expect(await verification(t)).toEqual({
      ok: false,
      streams: expect.any(Number),
      eventsChecked: expect.any(Number),
      headPosition: head,
      firstProblem: {
        stream: 'data-list-lingang-gdl-2024',
        revision: '0',
        eventId: published.id,
        position: published.position.toString(10),
        problem: 'content',
        detail: expect.stringContaining('hash'),
      },
    });

    const run = await runCli(['verify'], url);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('FAILED');
    expect(run.stdout).toContain(`content problem at event ${published.id}`);
    expect(run.stdout).toContain(`stream data-list-lingang-gdl-2024, revision 0, position ${published.position}`);
  });

  it('the CLI cannot verify a file that does not exist (exit code 2, and no empty ledger created) or an unknown command', async () => {
    const missing = join(dir.path, 'nowhere', 'ledger.sqlite');
    const run = await runCli(['verify'], `sqlite:${missing}`);
    expect(run).toMatchObject({ code: 2, stdout: '' });
    expect(run.stderr).toContain(`no ledger at ${missing}`);
    expect(existsSync(missing)).toBe(false);
    const usage = await runCli(['verfy'], url);
    expect(usage).toMatchObject({ code: 2, stdout: '' });
    expect(usage.stderr).toContain('usage: cli.ts verify');
  });
});
