import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';

/**
 * The policy slice: regulators' commands on regimes, designations, data lists, companies and
 * instruments, the reads of those facts, the Lingang pack seeder and the expiry scheduler.
 * Needs `EVENT_STORE`, `CLOCK` and `LEDGER_CONFIG` provided globally (AppModule).
 */
@Module({
  imports: [CqrsModule],
})
export class PolicyModule {}
