import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { JsonObject } from '../../../event-store/event-store.port.js';
import { FACT_KINDS, type FactKind } from '../../domain/policy.streams.js';
import type { FactEvent, PolicyFact } from './policy-fact.views.js';

/** One event of a fact's stream. */
export class FactEventDto implements FactEvent {
  @ApiProperty({ example: 'DataListPublished' })
  type!: string;

  @ApiProperty({ format: 'uuid' })
  eventId!: string;

  @ApiProperty({ description: 'the event’s chain hash (hex)' })
  hash!: string;

  @ApiProperty({ description: 'ledger position (record time), decimal string', example: '7' })
  position!: string;

  @ApiProperty({ description: 'when the ledger recorded it (record time)', example: '2024-05-17T02:00:00.000Z' })
  recordedAt!: string;

  @ApiProperty({ description: 'the event data; its dates are valid time', type: Object })
  data!: JsonObject;
}

/** A policy fact as known at a cut: its content and the events that made it so. */
export class PolicyFactDto implements PolicyFact {
  @ApiProperty({ example: 'lingang-gdl-2024' })
  id!: string;

  @ApiProperty({ enum: FACT_KINDS })
  kind!: FactKind;

  @ApiPropertyOptional({ description: 'the knowledge cut asked for, if any' })
  knownAt?: string;

  @ApiPropertyOptional({ description: 'the knowledge cut asked for, if any (decimal)' })
  position?: string;

  @ApiProperty({ description: 'the fact as its events up to the cut give it (content, term, entries, registrations, …)', type: Object })
  current!: object;

  @ApiProperty({ type: FactEventDto, isArray: true, description: 'the events up to the cut, oldest first' })
  history!: FactEventDto[];
}
