import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { type Threshold } from '../../policy/domain/policy.events.js';
import { COUNTING_WINDOWS, DATA_LIST_KINDS, INSTRUMENT_KINDS, PURPOSES } from '../../common/terms.js';
import type { PolicyState } from '../domain/policy-state.js';

/** OpenAPI description of `GET /v1/audit/policy-state` (src/audit/domain/policy-state.ts is the type). */

const DATE = { example: '2024-05-17', description: 'valid time (Shanghai calendar date)' };

export class SourceRefDto {
  @ApiProperty({ format: 'uuid', description: 'the event that gave this its content' }) eventId!: string;
  @ApiProperty({ example: '7', description: 'ledger position of that event (decimal)' }) position!: string;
}

export class EndingRefDto extends SourceRefDto {
  @ApiProperty({ ...DATE, description: 'first day no longer in force (the repeal, lifting, revocation or deregistration recorded for a later date)' }) effectiveFrom!: string;
}

class InForceDto {
  @ApiProperty(DATE) effectiveFrom!: string;
  @ApiProperty({ type: SourceRefDto }) source!: SourceRefDto;
  @ApiPropertyOptional({ type: EndingRefDto }) ending?: EndingRefDto;
}

export class RegimeOnDateDto extends InForceDto {
  @ApiProperty({ example: 'cn-2024-cross-border-provisions' }) regimeId!: string;
  @ApiProperty() title!: string;
  @ApiPropertyOptional({ ...DATE, description: 'first day no longer in force (exclusive)' }) effectiveUntil?: string;
  @ApiProperty({ enum: COUNTING_WINDOWS }) countingWindow!: (typeof COUNTING_WINDOWS)[number];
  @ApiProperty({ type: Object, isArray: true, description: '`{metric, atLeast, requirement}`' }) thresholds!: Threshold[];
  @ApiProperty({ enum: PURPOSES, isArray: true }) exemptPurposes!: (typeof PURPOSES)[number][];
  @ApiProperty({ description: 'the regime the evaluator applies on the date (docs/domain.md §4 step 4: the latest enacted whose interval holds it)' }) inForce!: boolean;
}

export class DesignationOnDateDto extends InForceDto {
  @ApiProperty({ example: 'cn-auto-data-conservative' }) designationId!: string;
  @ApiProperty({ example: 'icv' }) field!: string;
  @ApiPropertyOptional({ description: 'absent: the whole field' }) category?: string;
  @ApiProperty({ enum: ['core', 'important'] }) classification!: 'core' | 'important';
  @ApiPropertyOptional({ ...DATE, description: 'first day no longer in force (exclusive)' }) effectiveUntil?: string;
}

export class InstrumentOnDateDto extends InForceDto {
  @ApiProperty() instrumentId!: string;
  @ApiProperty() companyId!: string;
  @ApiProperty({ enum: INSTRUMENT_KINDS }) kind!: (typeof INSTRUMENT_KINDS)[number];
  @ApiProperty({ type: Object, description: '`{fields?, categories?, destinations?}`; empty or absent = all' }) scope!: object;
  @ApiProperty({ ...DATE, description: 'first day no longer valid (exclusive): instruments always have one' }) effectiveUntil!: string;
}

export class EntryOnDateDto extends SourceRefDto {
  @ApiProperty({ example: 'icv' }) field!: string;
  @ApiPropertyOptional({ example: 'after-sales/service-records', description: 'absent: the whole field' }) category?: string;
}

export class TermDto extends SourceRefDto {
  @ApiProperty(DATE) effectiveFrom!: string;
  @ApiPropertyOptional({ ...DATE, description: 'the term end (exclusive), from the latest publication, amendment, extension or termination' }) effectiveUntil?: string;
}

export class DataListOnDateDto {
  @ApiProperty({ example: 'lingang-gdl-2024' }) listId!: string;
  @ApiProperty({ enum: DATA_LIST_KINDS }) kind!: (typeof DATA_LIST_KINDS)[number];
  @ApiProperty() title!: string;
  @ApiProperty({ type: [String] }) zones!: string[];
  @ApiProperty({ type: SourceRefDto, description: 'the publication or latest amendment' }) source!: SourceRefDto;
  @ApiProperty({ type: TermDto }) term!: TermDto;
  @ApiProperty({ type: [EntryOnDateDto], description: 'the entries on the list that day, each with the event that put it there' }) entries!: EntryOnDateDto[];
}

export class RegistrationOnDateDto extends SourceRefDto {
  @ApiProperty({ example: 'cn-shanghai-lingang' }) zoneId!: string;
  @ApiProperty(DATE) effectiveFrom!: string;
  @ApiPropertyOptional(DATE) effectiveUntil?: string;
  @ApiPropertyOptional({ type: EndingRefDto, description: 'the deregistration that set effectiveUntil' }) ending?: EndingRefDto;
}

export class CiioStatusDto {
  @ApiProperty() ciio!: boolean;
  @ApiPropertyOptional(DATE) effectiveFrom?: string;
  @ApiPropertyOptional({ type: SourceRefDto, description: 'absent when the company was never designated' }) source?: SourceRefDto;
}

export class CompanyOnDateDto {
  @ApiProperty({ example: 'tesla-shanghai' }) companyId!: string;
  @ApiProperty({ type: [RegistrationOnDateDto], description: 'registrations holding on the date' }) registrations!: RegistrationOnDateDto[];
  @ApiProperty({ type: CiioStatusDto }) ciio!: CiioStatusDto;
}

export class PolicyStateDto implements PolicyState {
  @ApiProperty(DATE) date!: string;
  @ApiProperty({ example: '42', description: 'the knowledge cut (ledger position): only events at or before it count' }) position!: string;
  @ApiProperty({ type: String, nullable: true, description: 'the regime in force on the date, null when none' }) regimeInForce!: string | null;
  @ApiProperty({ type: [RegimeOnDateDto], description: 'regimes whose interval holds on the date' }) regimes!: RegimeOnDateDto[];
  @ApiProperty({ type: [DesignationOnDateDto] }) designations!: DesignationOnDateDto[];
  @ApiProperty({ type: [DataListOnDateDto] }) dataLists!: DataListOnDateDto[];
  @ApiProperty({ type: [CompanyOnDateDto], description: 'every company known at the cut' }) companies!: CompanyOnDateDto[];
  @ApiProperty({ type: [InstrumentOnDateDto] }) instruments!: InstrumentOnDateDto[];
}
