import type { Verdict } from '../legality/domain/verdict.js';
import { ExpiryScheduler } from '../policy/expiry/expiry.scheduler.js';
import { factStream } from '../policy/domain/policy.streams.js';
import type { RecordTransferAnswer } from '../transfers/commands/record-transfer/record-transfer.command.js';
import type { TransferLegalityView } from '../transfers/queries/get-transfer-legality/get-transfer-legality.query.js';
import type { DemoLedger } from './demo-ledger.js';
import { differenceLines, verdictHeadline, verdictLines } from './verdict-lines.js';

/** The exporter of the story: Tesla's Shanghai factory, registered in Lingang (docs/domain.md §5). */
export const STORY_COMPANY = 'tesla-shanghai';
/** The story opens a week before the pilot list takes effect (Shanghai time). */
export const STORY_STARTS_AT = new Date('2024-05-10T09:00:00+08:00');

type Print = (line: string) => void;

interface Declared {
  readonly transferId: string;
  readonly category: string;
  readonly destination: string;
  /** Shanghai local time, `YYYY-MM-DDTHH:MM`. */
  readonly at: string;
  readonly personalInfoSubjects?: number;
  /** What the story says the ledger must answer: a different answer stops the demo (exit 1). */
  readonly legal: boolean;
}

/**
 * The Lingang pilot told against a fresh ledger (docs/domain.md §1): the list starts, transfers before,
 * during and after its term, an expansion, a road-data approval, a back-filled transfer that
 * changes a later verdict, and the expiry the scheduler records.
 */
export async function tellLingangStory(ledger: DemoLedger, print: Print): Promise<void> {
  const { client, keys, clock } = ledger;
  const chapter = (at: string, title: string): void => {
    clock.set(new Date(`${at}:00+08:00`));
    print('');
    print(`${at.slice(0, 10)}  ${title}`);
  };
  const indented = (lines: readonly string[], depth = 4): void => lines.forEach((line) => wrap(line, depth).forEach((l) => print(l)));

  /** Records a transfer that occurred at `t.at`; the ledger's clock stays where the chapter put it. */
  const record = async (t: Declared): Promise<RecordTransferAnswer> => {
    const answer = await client.post<RecordTransferAnswer>('/v1/transfers', keys.service, {
      transferId: t.transferId,
      companyId: STORY_COMPANY,
      field: 'icv',
      category: t.category,
      destination: t.destination,
      occurredAt: `${t.at}:00+08:00`,
      ...(t.personalInfoSubjects === undefined ? {} : { personalInfoSubjects: t.personalInfoSubjects }),
    });
    const people = t.personalInfoSubjects ? `, ${t.personalInfoSubjects.toLocaleString('en-US')} people's personal information` : '';
    const when = clock.now().getTime() === Date.parse(`${t.at}:00+08:00`) ? '' : `, on ${t.at.slice(0, 10)}`;
    indented([`Tesla declares icv ${t.category} to ${t.destination}${people}${when} (${t.transferId})`], 2);
    indented(verdictLines(answer.verdict));
    if (answer.verdict.legal !== t.legal) throw new Error(`the story expects ${t.transferId} to be ${t.legal ? 'legal' : 'illegal'}`);
    return answer;
  };
  const regulator = async (what: string, path: string, body: unknown): Promise<void> => {
    const { position } = await client.post<{ position: string }>(path, keys.regulator, body);
    indented([`The regulator records ${what} (position ${position}).`], 2);
  };

  // Counted, not taken from the head position: positions only count events on SQLite (on
  // EventStoreDB they are commit positions with gaps).
  const seeded = (await ledger.store.readAll()).length;
  print(`A fresh ledger in ${ledger.databaseFile}`);
  print(`seeded with the Lingang pack: ${seeded} events (national regimes, automotive`);
  print('designations, the Lingang general data list, tesla-shanghai registered in Lingang).');

  chapter('2024-05-16T10:00', 'The day before the pilot list takes effect');
  await record({ transferId: 'tsl-0516-service', category: 'after-sales/service-records', destination: 'DE', at: '2024-05-16T10:00', legal: false });

  chapter('2024-05-17T10:00', 'The Lingang general data list takes effect (a one-year pilot)');
  await record({ transferId: 'tsl-0517-service', category: 'after-sales/service-records', destination: 'DE', at: '2024-05-17T10:00', legal: true });

  chapter('2024-06-01T10:00', 'Road data is not on the list');
  await record({ transferId: 'tsl-0601-road', category: 'road/exterior-video', destination: 'US', at: '2024-06-01T10:00', legal: false });

  chapter('2024-06-20T09:00', 'The road-data security assessment is approved');
  await regulator('the approval tesla-road-data-assessment', '/v1/instruments', {
    instrumentId: 'tesla-road-data-assessment',
    companyId: STORY_COMPANY,
    kind: 'security-assessment',
    scope: { categories: [{ field: 'icv', category: 'road/exterior-video' }, { field: 'icv', category: 'road/fleet-trajectories' }], destinations: ['US'] },
    effectiveFrom: '2024-06-20',
    effectiveUntil: '2027-06-20',
  });
  await record({ transferId: 'tsl-0620-road', category: 'road/exterior-video', destination: 'US', at: '2024-06-20T09:00', legal: true });

  chapter('2024-08-30T10:00', 'Battery analytics, before the list covers them');
  await record({ transferId: 'tsl-0830-battery', category: 'rnd/battery-analytics', destination: 'DE', at: '2024-08-30T10:00', legal: false });

  chapter('2024-09-01T09:00', 'The list is expanded');
  await regulator('an expansion of lingang-gdl-2024 with icv rnd/battery-analytics', '/v1/data-lists/lingang-gdl-2024/expansions', {
    effectiveFrom: '2024-09-01',
    entries: [{ field: 'icv', category: 'rnd/battery-analytics' }],
  });
  await record({ transferId: 'tsl-0901-battery', category: 'rnd/battery-analytics', destination: 'DE', at: '2024-09-01T09:00', legal: true });

  chapter('2024-10-10T10:00', 'Customer data in bulk');
  const bulk = await record({ transferId: 'tsl-1010-customers', category: 'after-sales/vehicle-basic-info', destination: 'US', at: '2024-10-10T10:00', personalInfoSubjects: 60_000, legal: true });

  chapter('2024-10-15T09:00', 'A forgotten transfer of 1 October is back-filled');
  await record({ transferId: 'tsl-1001-customers', category: 'after-sales/vehicle-basic-info', destination: 'US', at: '2024-10-01T10:00', personalInfoSubjects: 50_000, legal: true });
  print('  The auditor asks again about tsl-1010-customers:');
  const now = await client.get<TransferLegalityView>('/v1/transfers/tsl-1010-customers/legality', keys.auditor);
  indented([`recorded at position ${bulk.verdict.position}: ${verdictHeadline(now.recordedVerdict)}`, `as known now:         ${verdictHeadline(now)}`]);
  indented(differenceLines(now.differences ?? []), 6);
  const then = await client.get<TransferLegalityView>(`/v1/transfers/tsl-1010-customers/legality?position=${bulk.verdict.position}`, keys.auditor);
  if (!now.changed) throw new Error('the story expects the back-filled transfer to change the verdict of tsl-1010-customers');
  if (!sameVerdict(then, bulk.verdict)) throw new Error('asked as known at its recording, tsl-1010-customers must get its recorded verdict back');
  indented([`asked as known at position ${bulk.verdict.position}: the recorded verdict, exactly`]);

  chapter('2025-05-16T10:00', 'The last day of the pilot term');
  await record({ transferId: 'tsl-250516-service', category: 'after-sales/service-records', destination: 'DE', at: '2025-05-16T10:00', legal: true });

  chapter('2025-05-17T10:00', 'The term has ended');
  // The scheduler checks every minute; the story runs its pass now rather than wait for the timer.
  const expiries = await ledger.app.get(ExpiryScheduler).runOnce();
  const [expired] = await ledger.store.readStream(factStream('data-list', 'lingang-gdl-2024'), { direction: 'backwards', maxCount: 1 });
  if (expiries !== 1 || expired.type !== 'DataListExpired') throw new Error('the story expects the scheduler to record the expiry of lingang-gdl-2024');
  print(`  The expiry scheduler records ${expired.type} for lingang-gdl-2024, in force until ${String(expired.data.effectiveUntil)}`);
  print(`  (position ${expired.position}; evaluation never waited for it: the term end was known all along).`);
  await record({ transferId: 'tsl-250517-service', category: 'after-sales/service-records', destination: 'DE', at: '2025-05-17T10:00', legal: false });
}

/** Short lines for a person: words wrapped at {@link WIDTH}, continuation lines indented two more. */
const WIDTH = 96;
function wrap(text: string, depth: number): string[] {
  const lines: string[] = [];
  let line = ' '.repeat(depth);
  for (const word of text.split(' ')) {
    if (line.trim().length > 0 && line.length + 1 + word.length > WIDTH) {
      lines.push(line);
      line = `${' '.repeat(depth + 2)}${word}`;
    } else {
      line = line.trim().length > 0 ? `${line} ${word}` : `${line}${word}`;
    }
  }
  return [...lines, line];
}

/** The verdict fields of a legality answer equal the recorded verdict (the replay guarantee). */
function sameVerdict(answer: TransferLegalityView, recorded: Verdict): boolean {
  const { transferId: _id, recordedVerdict: _r, changed: _c, differences: _d, ...verdict } = answer;
  return JSON.stringify(verdict) === JSON.stringify(recorded);
}
