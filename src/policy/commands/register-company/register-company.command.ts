import type { CompanyRegistered } from '../../domain/policy.events.js';
import { PolicyCommand } from '../policy.command.js';

/** Register a company in a zone (`POST /v1/companies/{companyId}/registrations`). */
export class RegisterCompanyCommand extends PolicyCommand<Omit<CompanyRegistered['data'], 'companyId'>> {}
