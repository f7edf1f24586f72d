import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/principal.js';
import { LEDGER_CONFIG, type LedgerConfig } from '../config/ledger-config.js';
import { EVENT_STORE, positionToString, type EventStore } from '../event-store/event-store.port.js';
import type { StatusResponse } from '../http/created-or-repeated.js';

/** A health check that hangs is no answer: give up on the store after this long. */
const PING_TIMEOUT_MS = 2000;

/** The body of `GET /health`, for both 200 and 503. */
export class HealthResponse {
  @ApiProperty({ enum: ['ok', 'unavailable'] })
  status!: 'ok' | 'unavailable';

  @ApiProperty({ enum: ['sqlite', 'eventstoredb'], description: 'The kind of event store behind the ledger.' })
  store!: 'sqlite' | 'eventstoredb';

  @ApiPropertyOptional({ type: String, nullable: true, description: 'The head of the log (decimal string); null when the log is empty.' })
  position?: string | null;

  @ApiPropertyOptional({ description: 'Why the store is unavailable.' })
  message?: string;
}

/** `GET /health` (CONTRACT.md: Operations): 200 when the event store answers, 503 otherwise. */
@ApiTags('operations')
@Controller('health')
export class HealthController {
  private readonly storeKind: HealthResponse['store'];

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(LEDGER_CONFIG) config: LedgerConfig,
  ) {
    this.storeKind = config.eventStoreUrl.startsWith('sqlite:') ? 'sqlite' : 'eventstoredb';
  }

  @Public()
  @Get()
  @ApiOkResponse({ type: HealthResponse, description: 'The event store answers.' })
  @ApiServiceUnavailableResponse({ type: HealthResponse, description: 'The event store does not answer.' })
  async check(@Res({ passthrough: true }) response: StatusResponse): Promise<HealthResponse> {
    try {
      const head = await withTimeout(
        this.store.ping().then(() => this.store.headPosition()),
        PING_TIMEOUT_MS,
      );
      return { status: 'ok', store: this.storeKind, position: head === undefined ? null : positionToString(head) };
    } catch (error) {
      response.status(HttpStatus.SERVICE_UNAVAILABLE);
      return { status: 'unavailable', store: this.storeKind, message: error instanceof Error ? error.message : String(error) };
    }
  }
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
