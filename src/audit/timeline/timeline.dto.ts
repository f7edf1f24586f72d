import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { SummaryValue } from './event-summary.js';
import type { TimelineEntry, TimelinePage } from './timeline.page.js';

/** OpenAPI description of one timeline event (timeline.page.ts is the type). */
export class TimelineEntryDto implements TimelineEntry {
  @ApiProperty({ example: '12', description: 'ledger position (record time, decimal)' }) position!: string;
  @ApiProperty({ example: '2024-05-17T02:00:00.000Z', description: 'when the store committed it (record time)' }) recordedAt!: string;
  @ApiProperty({ example: 'data-list-lingang-gdl-2024' }) stream!: string;
  @ApiProperty({ example: '0', description: 'revision in its stream (decimal)' }) revision!: string;
  @ApiProperty({ example: 'DataListPublished' }) type!: string;
  @ApiProperty({ format: 'uuid' }) eventId!: string;
  @ApiProperty({ description: 'the event’s chain hash (hex; its Merkle leaf is SHA-256(0x00 ‖ its 32 bytes))' }) hash!: string;
  @ApiPropertyOptional({ type: Object, example: { role: 'regulator', keyId: 'k-3f2a9c1e' }, description: 'who appended it (role, key id), when recorded' }) actor?: Record<string, SummaryValue>;
  @ApiProperty({
    type: Object,
    example: { listId: 'lingang-gdl-2024', kind: 'general', effectiveFrom: '2024-05-17', entries: '13 items' },
    description: 'the event data flattened to dotted keys two levels deep; lists and deeper objects by their size, long text cut',
  })
  summary!: Record<string, SummaryValue>;
}

/** OpenAPI description of `GET /v1/audit/timeline`. */
export class TimelinePageDto implements TimelinePage {
  @ApiProperty({ type: [TimelineEntryDto], description: 'in log order' }) events!: TimelineEntryDto[];
  @ApiProperty({ type: String, nullable: true, example: '112', description: 'fromPosition of the next page; null on the last page' }) nextFromPosition!: string | null;
}
