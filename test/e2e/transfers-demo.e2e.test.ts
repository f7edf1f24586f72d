import { describe, expect, it } from '@jest/globals';
import { existsSync } from 'node:fs';
import { startDemoLedger } from '../../src/demo/demo-ledger.js';
import { STORY_COMPANY, STORY_STARTS_AT, tellLingangStory } from '../../src/demo/lingang-story.js';

/** `npm run demo` tells its story to the end (the story itself stops when the ledger disagrees with it). */
describe('the Lingang demo', () => {
  it('runs through every chapter on a fresh embedded ledger and removes its files', async () => {
    const ledger = await startDemoLedger(STORY_COMPANY, STORY_STARTS_AT);
    const lines: string[] = [];
    try {
      await tellLingangStory(ledger, (line) => lines.push(line));
    } finally {
      await ledger.close();
    }
    const text = lines.join('\n');
    expect(text).toContain('2024-05-17  The Lingang general data list takes effect');
    expect(text).toContain('as known now:         ILLEGAL, needs a standard contract');
    expect(text).toContain('The expiry scheduler records DataListExpired for lingang-gdl-2024, in force until 2025-05-17');
    expect(Math.max(...lines.map((line) => line.length))).toBeLessThanOrEqual(100);
    expect(existsSync(ledger.databaseFile)).toBe(false);
  });
});
