import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AmendDataListHandler } from './commands/amend-data-list/amend-data-list.handler.js';
import { AmendDesignationHandler } from './commands/amend-designation/amend-designation.handler.js';
import { AmendInstrumentHandler } from './commands/amend-instrument/amend-instrument.handler.js';
import { AmendRegimeHandler } from './commands/amend-regime/amend-regime.handler.js';
import { DeregisterCompanyHandler } from './commands/deregister-company/deregister-company.handler.js';
import { DesignateDataHandler } from './commands/designate-data/designate-data.handler.js';
import { EnactRegimeHandler } from './commands/enact-regime/enact-regime.handler.js';
import { ExpandDataListHandler } from './commands/expand-data-list/expand-data-list.handler.js';
import { ExpireDataListHandler } from './commands/expire-data-list/expire-data-list.handler.js';
import { ExtendDataListHandler } from './commands/extend-data-list/extend-data-list.handler.js';
import { GrantInstrumentHandler } from './commands/grant-instrument/grant-instrument.handler.js';
import { LiftDesignationHandler } from './commands/lift-designation/lift-designation.handler.js';
import { PublishDataListHandler } from './commands/publish-data-list/publish-data-list.handler.js';
import { RegisterCompanyHandler } from './commands/register-company/register-company.handler.js';
import { RepealRegimeHandler } from './commands/repeal-regime/repeal-regime.handler.js';
import { RevokeInstrumentHandler } from './commands/revoke-instrument/revoke-instrument.handler.js';
import { SetCompanyCiioHandler } from './commands/set-company-ciio/set-company-ciio.handler.js';
import { TerminateDataListHandler } from './commands/terminate-data-list/terminate-data-list.handler.js';
import { WithdrawDataListEntriesHandler } from './commands/withdraw-data-list-entries/withdraw-data-list-entries.handler.js';
import { PolicyWriter } from './commands/policy.writer.js';
import { AmendDataListController } from './commands/amend-data-list/amend-data-list.controller.js';
import { AmendDesignationController } from './commands/amend-designation/amend-designation.controller.js';
import { AmendInstrumentController } from './commands/amend-instrument/amend-instrument.controller.js';
import { AmendRegimeController } from './commands/amend-regime/amend-regime.controller.js';
import { DeregisterCompanyController } from './commands/deregister-company/deregister-company.controller.js';
import { DesignateDataController } from './commands/designate-data/designate-data.controller.js';
import { EnactRegimeController } from './commands/enact-regime/enact-regime.controller.js';
import { ExpandDataListController } from './commands/expand-data-list/expand-data-list.controller.js';
import { ExtendDataListController } from './commands/extend-data-list/extend-data-list.controller.js';
import { GrantInstrumentController } from './commands/grant-instrument/grant-instrument.controller.js';
import { LiftDesignationController } from './commands/lift-designation/lift-designation.controller.js';
import { PublishDataListController } from './commands/publish-data-list/publish-data-list.controller.js';
import { RegisterCompanyController } from './commands/register-company/register-company.controller.js';
import { RepealRegimeController } from './commands/repeal-regime/repeal-regime.controller.js';
import { RevokeInstrumentController } from './commands/revoke-instrument/revoke-instrument.controller.js';
import { SetCompanyCiioController } from './commands/set-company-ciio/set-company-ciio.controller.js';
import { TerminateDataListController } from './commands/terminate-data-list/terminate-data-list.controller.js';
import { WithdrawDataListEntriesController } from './commands/withdraw-data-list-entries/withdraw-data-list-entries.controller.js';
import { ExpiryScheduler } from './expiry/expiry.scheduler.js';
import { LingangSeeder } from './lingang.seeder.js';
import { GetPolicyFactController } from './queries/get-policy-fact/get-policy-fact.controller.js';
import { GetPolicyFactHandler } from './queries/get-policy-fact/get-policy-fact.handler.js';
import { ListPolicyFactsController } from './queries/list-policy-facts/list-policy-facts.controller.js';
import { ListPolicyFactsHandler } from './queries/list-policy-facts/list-policy-facts.handler.js';

const COMMAND_CONTROLLERS = [
  AmendDataListController,
  AmendDesignationController,
  AmendInstrumentController,
  AmendRegimeController,
  DeregisterCompanyController,
  DesignateDataController,
  EnactRegimeController,
  ExpandDataListController,
  ExtendDataListController,
  GrantInstrumentController,
  LiftDesignationController,
  PublishDataListController,
  RegisterCompanyController,
  RepealRegimeController,
  RevokeInstrumentController,
  SetCompanyCiioController,
  TerminateDataListController,
  WithdrawDataListEntriesController,
];

const COMMAND_HANDLERS = [
  AmendDataListHandler,
  AmendDesignationHandler,
  AmendInstrumentHandler,
  AmendRegimeHandler,
  DeregisterCompanyHandler,
  DesignateDataHandler,
  EnactRegimeHandler,
  ExpandDataListHandler,
  ExpireDataListHandler,
  ExtendDataListHandler,
  GrantInstrumentHandler,
  LiftDesignationHandler,
  PublishDataListHandler,
  RegisterCompanyHandler,
  RepealRegimeHandler,
  RevokeInstrumentHandler,
  SetCompanyCiioHandler,
  TerminateDataListHandler,
  WithdrawDataListEntriesHandler,
];

/**
 * The policy slice: regulators' commands on regimes, designations, data lists, companies and
 * instruments, the reads of those facts, the Lingang pack seeder and the expiry scheduler.
 * Needs `EVENT_STORE`, `CLOCK` and `LEDGER_CONFIG` provided globally (AppModule), and
 * `KNOWN_POLICY_FACTS` (the legality read model's index of facts, provided globally by LegalityModule).
 */
@Module({
  imports: [CqrsModule],
  controllers: [...COMMAND_CONTROLLERS, ListPolicyFactsController, GetPolicyFactController],
  providers: [PolicyWriter, ...COMMAND_HANDLERS, GetPolicyFactHandler, ListPolicyFactsHandler, LingangSeeder, ExpiryScheduler],
})
export class PolicyModule {}
