import { Global, Module } from '@nestjs/common';
import { ProjectionSnapshots } from './projection-snapshots.js';

/**
 * Provides {@link ProjectionSnapshots} to every projection that replays the log at start-up
 * (legality, access keys, expiry). Needs `EVENT_STORE`, `LEDGER_CONFIG` and the logger (global).
 */
@Global()
@Module({ providers: [ProjectionSnapshots], exports: [ProjectionSnapshots] })
export class SnapshotModule {}
