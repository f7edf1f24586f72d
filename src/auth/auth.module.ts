import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { DEFAULT_AUTH_FAILURES, LEDGER_CONFIG, type LedgerConfig } from '../config/ledger-config.js';
import { ApiKeyGuard } from './api-key.guard.js';
import { authFailureThrottler, FailedAuthentications } from './failed-authentications.js';

/**
 * The global {@link ApiKeyGuard} and the throttling of failed authentications. The guard asks the
 * `AUTHENTICATOR` (src/auth/authenticator.ts), which the access-keys module provides globally.
 */
@Module({})
export class AuthModule {
  static forRoot(): DynamicModule {
    return {
      module: AuthModule,
      imports: [
        ThrottlerModule.forRootAsync({
          inject: [LEDGER_CONFIG],
          useFactory: (config: LedgerConfig) => authFailureThrottler(config.authFailures ?? DEFAULT_AUTH_FAILURES),
        }),
      ],
      providers: [FailedAuthentications, { provide: APP_GUARD, useClass: ApiKeyGuard }],
    };
  }
}
