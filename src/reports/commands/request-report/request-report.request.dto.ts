import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsObject, IsOptional } from 'class-validator';
import { Id } from '../../../http/validators.js';
import { KnowledgeCutRequestDto } from '../../../knowledge-cut/knowledge-cut.request.dto.js';
import { REPORT_KINDS, type ReportKind } from '../../domain/report.events.js';

/** `POST /v1/reports` (docs/api.md §14). The parameters are checked per kind by the handler (report-kinds.ts). */
export class RequestReportRequestDto extends KnowledgeCutRequestDto {
  @ApiProperty({ enum: REPORT_KINDS, description: 'the kind of report' })
  @IsIn(REPORT_KINDS, { message: `$property must be one of ${REPORT_KINDS.join(', ')}` })
  kind!: ReportKind;

  @ApiPropertyOptional({
    type: Object,
    description:
      'per kind, strings: company-transfers {companyId, from, to}; illegal-transfers {from, to, companyId?}; zone-pilot {listId, from, to}; verdict-drift {fromPosition, toPosition, companyId?} (its cut is toPosition); policy-changes {recordedFrom?, recordedTo?}. Dates are Shanghai dates, inclusive; instants ISO 8601 with an offset.',
    example: { companyId: 'tesla-shanghai', from: '2024-05-17', to: '2024-12-31' },
  })
  @IsOptional()
  @IsObject({ message: '$property must be an object' })
  parameters?: Record<string, unknown>;

  @Id('a report id of the caller’s choosing, to make retries idempotent (default: a new UUID)', 'q3-2024-tesla', true)
  reportId?: string;
}
