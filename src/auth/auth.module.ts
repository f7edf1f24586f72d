import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { LEDGER_CONFIG, ROLES, type LedgerConfig } from '../config/ledger-config.js';
import { JsonLogger } from '../logging/json.logger.js';
import { ApiKeyGuard } from './api-key.guard.js';
import { provisionApiKeys } from './api-key.provisioning.js';
import { ApiKeyRegistry } from './api-key.registry.js';

/** The API keys (configured, or provisioned beside the database) and the global {@link ApiKeyGuard}. */
@Module({})
export class AuthModule {
  /** `print` receives generated keys, the only time they are shown. */
  static forRoot(print: (text: string) => void): DynamicModule {
    return {
      module: AuthModule,
      providers: [
        {
          provide: ApiKeyRegistry,
          inject: [LEDGER_CONFIG, JsonLogger],
          useFactory: (config: LedgerConfig, logger: JsonLogger) => {
            const { keys, source, file, exposed } = provisionApiKeys(config.eventStoreUrl, config.apiKeys, print);
            if (exposed) logger.write('warn', 'auth', `the key file ${file} is readable or writable by others: chmod 600 it`);
            const roles = Object.fromEntries(ROLES.map((role) => [role, keys.filter((k) => k.role === role).length]));
            logger.write('info', 'auth', 'API keys loaded', { source, ...(file ? { file } : {}), roles });
            return new ApiKeyRegistry(keys);
          },
        },
        { provide: APP_GUARD, useClass: ApiKeyGuard },
      ],
      exports: [ApiKeyRegistry],
    };
  }
}
