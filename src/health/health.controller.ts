import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/principal.js';
import type { StatusResponse } from '../http/created-or-repeated.js';
import { CheckHealthQuery, type Health } from './check-health.query.js';

/** The body of `GET /health`, for both 200 and 503. */
export class HealthResponse implements Health {
  @ApiProperty({ enum: ['ok', 'unavailable'] })
  status!: 'ok' | 'unavailable';

  @ApiProperty({ enum: ['sqlite', 'eventstoredb'], description: 'The kind of event store behind the ledger.' })
  store!: 'sqlite' | 'eventstoredb';

  @ApiPropertyOptional({ type: String, nullable: true, description: 'The head of the log (decimal string); null when the log is empty.' })
  position?: string | null;

  @ApiPropertyOptional({ description: 'Why the store is unavailable.' })
  message?: string;
}

/** `GET /health` (docs/api.md "Operations"): 200 when the event store answers, 503 otherwise. */
@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(private readonly queries: QueryBus) {}

  @Public()
  @Get()
  @ApiOkResponse({ type: HealthResponse, description: 'The event store answers.' })
  @ApiServiceUnavailableResponse({ type: HealthResponse, description: 'The event store does not answer.' })
  async check(@Res({ passthrough: true }) response: StatusResponse): Promise<Health> {
    const health = await this.queries.execute(new CheckHealthQuery());
    if (health.status !== 'ok') response.status(HttpStatus.SERVICE_UNAVAILABLE);
    return health;
  }
}
