import 'reflect-metadata';
import { startDemoLedger } from './demo/demo-ledger.js';
import { STORY_COMPANY, STORY_STARTS_AT, tellLingangStory } from './demo/lingang-story.js';

/**
 * `npm run demo`: the Lingang pilot told against a fresh embedded ledger (a temp-dir SQLite file,
 * the real AppModule over HTTP on an ephemeral port, a clock the story moves). Exits 0 when the
 * story ran to its end, 1 with the reason otherwise.
 */
async function main(): Promise<void> {
  const ledger = await startDemoLedger(STORY_COMPANY, STORY_STARTS_AT);
  try {
    await tellLingangStory(ledger, (line) => process.stdout.write(`${line}\n`));
  } finally {
    await ledger.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`demo failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
