import { Controller, Get, HttpStatus, Req, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { Public, type Principal } from '../auth/principal.js';
import type { StatusResponse } from '../http/created-or-repeated.js';
import { CheckHealthQuery, type Health } from './check-health.query.js';

/** The body of `GET /health`, for both 200 and 503. */
export class HealthResponse {
  @ApiProperty({ enum: ['ok', 'unavailable'] })
  status!: 'ok' | 'unavailable';

  @ApiPropertyOptional({ enum: ['sqlite', 'eventstoredb'], description: 'The kind of event store behind the ledger (callers with a valid key only).' })
  store?: 'sqlite' | 'eventstoredb';

  @ApiPropertyOptional({ type: String, nullable: true, description: 'The head of the log (decimal string); null when the log is empty (callers with a valid key only).' })
  position?: string | null;

  @ApiPropertyOptional({ description: 'That the store is unavailable, in fixed words (callers with a valid key only).' })
  message?: string;
}

/**
 * `GET /health` (docs/api.md §10): 200 when the event store answers, 503 otherwise. Without a key
 * it says only that (`{status}`): the store kind and the log position are for callers with a
 * valid key of any role; a bad key counts as none.
 */
@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(private readonly queries: QueryBus) {}

  @Public()
  @Get()
  @ApiOperation({ summary: 'Up or down; with a valid key, also the store kind and the head position' })
  @ApiOkResponse({ type: HealthResponse, description: 'The event store answers.' })
  @ApiServiceUnavailableResponse({ type: HealthResponse, description: 'The event store does not answer.' })
  async check(@Req() request: { principal?: Principal }, @Res({ passthrough: true }) response: StatusResponse): Promise<Health | Pick<Health, 'status'>> {
    const health = await this.queries.execute(new CheckHealthQuery());
    if (health.status !== 'ok') response.status(HttpStatus.SERVICE_UNAVAILABLE);
    return request.principal ? health : { status: health.status };
  }
}
