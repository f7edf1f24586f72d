import { describe, expect, it } from '@jest/globals';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { existsSync } from 'node:fs';
import { startDemoLedger, type DemoLedger } from '../../src/demo/demo-ledger.js';
import { LedgerClient } from '../../src/demo/ledger-client.js';
import { STORY_COMPANY, STORY_STARTS_AT, tellLingangStory } from '../../src/demo/lingang-story.js';
import { FixedClock } from '../../src/common/clock.js';
import { selectedEsdbDouble } from '../support/esdb-double/e2e-selection.js';
import { createTestApp, TEST_COMPANY } from '../support/test-app.js';

/**
 * `npm run demo`'s ledger is an embedded SQLite file; in the jest project on the EventStoreDB
 * double the same story runs against a test app on the double, listening on a port as the demo's does.
 */
async function demoLedgerOnTestApp(): Promise<DemoLedger> {
  if (STORY_COMPANY !== TEST_COMPANY) throw new Error(`the test app's service key acts for ${TEST_COMPANY}, the story's company is ${STORY_COMPANY}`);
  const clock = new FixedClock(STORY_STARTS_AT);
  const t = await createTestApp({ seed: 'lingang', clock, logLevel: 'error' });
  try {
    const app = t.app as NestExpressApplication;
    await app.listen(0, '127.0.0.1');
    return { client: new LedgerClient(await app.getUrl()), keys: t.keys, clock, store: t.store, app, databaseFile: 'the EventStoreDB double', close: () => t.close() };
  } catch (error) {
    await t.close();
    throw error;
  }
}

/** `npm run demo` tells its story to the end (the story itself stops when the ledger disagrees with it). */
describe('the Lingang demo', () => {
  const onDouble = selectedEsdbDouble() !== undefined;

  it(`runs through every chapter on a fresh ${onDouble ? 'ledger on the EventStoreDB double' : 'embedded ledger and removes its files'}`, async () => {
    const ledger = onDouble ? await demoLedgerOnTestApp() : await startDemoLedger(STORY_COMPANY, STORY_STARTS_AT);
    const lines: string[] = [];
    try {
      await tellLingangStory(ledger, (line) => lines.push(line));
    } finally {
      await ledger.close();
    }
    const text = lines.join('\n');
    expect(text).toContain('seeded with the Lingang pack: 8 events');
    expect(text).toContain('2024-05-17  The Lingang general data list takes effect');
    expect(text).toContain('as known now:         ILLEGAL, needs a standard contract');
    expect(text).toContain('The expiry scheduler records DataListExpired for lingang-gdl-2024, in force until 2025-05-17');
    expect(Math.max(...lines.map((line) => line.length))).toBeLessThanOrEqual(100);
    if (!onDouble) expect(existsSync(ledger.databaseFile)).toBe(false);
  });
});
