import type { CompanyDeregistered } from '../../domain/policy.events.js';
import { PolicyCommand } from '../policy.command.js';

/** End a company's registration in a zone (`POST /v1/companies/{companyId}/deregistrations`). */
export class DeregisterCompanyCommand extends PolicyCommand<Omit<CompanyDeregistered['data'], 'companyId'>> {}
