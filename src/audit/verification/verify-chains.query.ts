import { Query } from '@nestjs/cqrs';
import type { VerificationReport } from './verification.report.js';

/** Recompute every stream's hash chain over the whole log (`GET /v1/audit/verification`, `npm run verify`). */
export class VerifyChainsQuery extends Query<VerificationReport> {}
