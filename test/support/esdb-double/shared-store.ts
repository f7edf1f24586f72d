import { join } from 'node:path';
import { makeTempDir } from '../event-store/temp-dir.js';
import { selectedEsdbDouble } from './e2e-selection.js';
import { startEsdbDouble } from './esdb-double.js';

/** A store several test apps open by URL, as several ledger instances share one log. */
export interface SharedStore {
  readonly url: string;
  remove(): Promise<void>;
}

/**
 * A fresh SQLite file in a temp dir, or, in the jest projects that select the EventStoreDB
 * double (e2e-selection.ts), a fresh double: pass `url` as `storeUrl` to every app that shares it.
 */
export async function sharedStore(name: string): Promise<SharedStore> {
  const features = selectedEsdbDouble();
  if (features) {
    const double = await startEsdbDouble({ features });
    return { url: double.url, remove: () => double.close() };
  }
  const dir = makeTempDir(name);
  return { url: `sqlite:${join(dir.path, 'ledger.sqlite')}`, remove: async () => dir.remove() };
}
