import { DynamicModule, Global, Module } from '@nestjs/common';
import { CLOCK, type Clock } from '../common/clock.js';
import { JsonLogger } from '../logging/json.logger.js';
import { LEDGER_CONFIG, type LedgerConfig } from './ledger-config.js';

/** Provides the validated {@link LedgerConfig} (`LEDGER_CONFIG`), the `CLOCK` and the {@link JsonLogger} to every module. */
@Global()
@Module({})
export class LedgerConfigModule {
  static forRoot(config: LedgerConfig, clock: Clock, logger: JsonLogger): DynamicModule {
    return {
      module: LedgerConfigModule,
      providers: [
        { provide: LEDGER_CONFIG, useValue: config },
        { provide: CLOCK, useValue: clock },
        { provide: JsonLogger, useValue: logger },
      ],
      exports: [LEDGER_CONFIG, CLOCK, JsonLogger],
    };
  }
}
