import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { hasAdminKey, provisionApiKeys, type ProvisionedKeys } from '../auth/api-key.provisioning.js';
import { AUTHENTICATOR } from '../auth/authenticator.js';
import { ROLES } from '../common/terms.js';
import { LEDGER_CONFIG, type LedgerConfig } from '../config/ledger-config.js';
import { JsonLogger } from '../logging/json.logger.js';
import { AccessKeyWriter } from './access-key.writer.js';
import { AccessKeys, PROVISIONED_KEYS } from './access-keys.js';
import { IssueKeyController } from './commands/issue-key/issue-key.controller.js';
import { IssueKeyHandler } from './commands/issue-key/issue-key.handler.js';
import { RevokeKeyController } from './commands/revoke-key/revoke-key.controller.js';
import { RevokeKeyHandler } from './commands/revoke-key/revoke-key.handler.js';
import { ListKeysController } from './queries/list-keys/list-keys.controller.js';
import { ListKeysHandler } from './queries/list-keys/list-keys.handler.js';
import { WhoAmIController } from './queries/who-am-i/who-am-i.controller.js';
import { WhoAmIHandler } from './queries/who-am-i/who-am-i.handler.js';

const provision = (config: LedgerConfig, logger: JsonLogger, print: (text: string) => void): ProvisionedKeys => {
  const provisioned = provisionApiKeys(config.eventStoreUrl, config.apiKeys, print);
  const { keys, source, file, exposed } = provisioned;
  if (exposed) logger.write('warn', 'auth', `the key file ${file} is readable or writable by others: chmod 600 it`);
  if (source === 'key-file' && !hasAdminKey(keys)) {
    // Written before admin keys existed: the file is not rewritten under a running ledger's feet.
    logger.write('warn', 'auth', `the key file ${file} has no admin key, so keys cannot be issued or revoked over the API: add {"key": "<at least 16 characters>", "role": "admin"} to it and restart`);
  }
  const roles = Object.fromEntries(ROLES.map((role) => [role, keys.filter((k) => k.role === role).length]));
  logger.write('info', 'auth', 'API keys loaded', { source, ...(file ? { file } : {}), roles });
  return provisioned;
};

/**
 * Access keys (docs/api.md §12): the configured keys (or those generated beside the database),
 * the keys issued and revoked in the log, `POST /v1/keys`, `GET /v1/keys`, `DELETE
 * /v1/keys/{keyId}`. Global, because it provides the `AUTHENTICATOR` the guard of src/auth asks.
 */
@Module({})
export class AccessModule {
  /** `print` receives generated keys, the only time they are shown. */
  static forRoot(print: (text: string) => void): DynamicModule {
    return {
      module: AccessModule,
      global: true,
      imports: [CqrsModule],
      controllers: [IssueKeyController, RevokeKeyController, ListKeysController, WhoAmIController],
      providers: [
        { provide: PROVISIONED_KEYS, inject: [LEDGER_CONFIG, JsonLogger], useFactory: (config: LedgerConfig, logger: JsonLogger) => provision(config, logger, print) },
        AccessKeys,
        { provide: AUTHENTICATOR, useExisting: AccessKeys },
        AccessKeyWriter,
        IssueKeyHandler,
        RevokeKeyHandler,
        ListKeysHandler,
        WhoAmIHandler,
      ],
      exports: [AUTHENTICATOR, AccessKeys],
    };
  }
}
