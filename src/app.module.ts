import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { AccessModule } from './access/access.module.js';
import { AuditModule } from './audit/audit.module.js';
import { AuthModule } from './auth/auth.module.js';
import { LedgerConfigModule } from './config/config.module.js';
import type { LedgerConfig } from './config/ledger-config.js';
import { EventStoreModule } from './event-store/event-store.module.js';
import { HealthModule } from './health/health.module.js';
import { KnowledgeCutModule } from './knowledge-cut/knowledge-cut.module.js';
import { LegalityModule } from './legality/legality.module.js';
import { PolicyModule } from './policy/policy.module.js';
import { ReportsModule } from './reports/reports.module.js';
import { SnapshotModule } from './snapshot/snapshot.module.js';
import { TransfersModule } from './transfers/transfers.module.js';
import { HttpErrorFilter } from './http/http-error.filter.js';
import { LEDGER_STREAM_PREFIXES } from './ledger-streams.js';
import { JsonLogger } from './logging/json.logger.js';
import { LedgerValidationPipe } from './http/validation.pipe.js';
import { RefusedBodyInterceptor } from './http/refused-body.interceptor.js';
import { systemClock, type Clock } from './common/clock.js';

/** What tests (and the demo) may replace when building the app. */
export interface AppOptions {
  /** Defaults to the system clock. */
  readonly clock?: Clock;
  /** Defaults to a JSON logger on stdout at the configured level. */
  readonly logger?: JsonLogger;
  /** Where generated API keys are shown once; defaults to stdout. */
  readonly print?: (text: string) => void;
  /** More modules to import (tests add probe controllers). */
  readonly imports?: NonNullable<DynamicModule['imports']>;
}

const printToStdout = (text: string): void => {
  process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
};

/**
 * The ledger's root module, built from a validated config object (src/config/config.loader.ts
 * reads it from the environment). Globally provided: `LEDGER_CONFIG`, `CLOCK`, `JsonLogger`,
 * `EVENT_STORE`, the CQRS buses, the projection snapshot, KnowledgeCuts, the access keys and the API-key guard, the refused-body interceptor, the validation pipe and the error filter.
 * Controllers carry their full path (`@Controller('v1/regimes')`): there is no global prefix, so
 * that `/health` and `/docs` stay where docs/api.md puts them.
 */
@Module({})
export class AppModule {
  static forRoot(config: LedgerConfig, options: AppOptions = {}): DynamicModule {
    const logger = options.logger ?? new JsonLogger(config.logLevel);
    return {
      module: AppModule,
      imports: [
        LedgerConfigModule.forRoot(config, options.clock ?? systemClock, logger),
        EventStoreModule.forRoot(config.eventStoreUrl, { ledgerStreamPrefixes: LEDGER_STREAM_PREFIXES }),
        CqrsModule.forRoot(),
        SnapshotModule,
        KnowledgeCutModule,
        AccessModule.forRoot(options.print ?? printToStdout),
        AuthModule.forRoot(),
        HealthModule,
        PolicyModule,
        LegalityModule,
        TransfersModule,
        AuditModule,
        ReportsModule,
        ...(options.imports ?? []),
      ],
      providers: [
        { provide: APP_INTERCEPTOR, useClass: RefusedBodyInterceptor },
        { provide: APP_PIPE, useClass: LedgerValidationPipe },
        { provide: APP_FILTER, inject: [JsonLogger], useFactory: (jsonLogger: JsonLogger) => new HttpErrorFilter(jsonLogger) },
      ],
    };
  }
}
