import { Body, Controller, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBadRequestResponse, ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '../../../auth/principal.js';
import { AuthResponses } from '../../../http/auth-responses.js';
import { setCreatedOrRepeated, type StatusResponse } from '../../../http/created-or-repeated.js';
import { RequestReportCommand, type ReportRequestAnswer } from './request-report.command.js';
import { RequestReportRequestDto } from './request-report.request.dto.js';

/** OpenAPI description of the answer. */
export class ReportRequestAnswerDto implements ReportRequestAnswer {
  @ApiProperty({ example: '01929b6e-0c1f-7a3e-9d2b-5f3c8e1a2b4c' }) reportId!: string;
  @ApiProperty({ example: '57', description: 'the position of the ReportRequested event' }) position!: string;
  @ApiProperty({ example: '56', description: 'the knowledge cut every rendering reads the log up to' }) cut!: string;
  @ApiProperty({ example: 'company-transfers' }) kind!: string;
}

@ApiTags('reports')
@Controller('v1/reports')
export class RequestReportController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @Roles('regulator', 'auditor', 'service')
  @ApiOperation({ summary: 'Request a report pinned to a ledger position (knownAt/position, default the head): records ReportRequested (service keys: company-transfers and illegal-transfers of their own company)' })
  @ApiCreatedResponse({ type: ReportRequestAnswerDto, description: 'recorded' })
  @ApiOkResponse({ type: ReportRequestAnswerDto, description: 'the same reportId with the same request again: the first answer' })
  @ApiBadRequestResponse({ description: 'an unknown kind, a bad cut, or bad parameters (each named `parameters.<name>`); nothing recorded' })
  @ApiConflictResponse({ description: 'the reportId was used for another request' })
  @AuthResponses('a key whose role may not request this kind, or a service key naming another company')
  async request(@Body() body: RequestReportRequestDto, @CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) response: StatusResponse): Promise<ReportRequestAnswer> {
    const { kind, parameters, knownAt, position, reportId } = body;
    const { created, answer } = await this.commands.execute(new RequestReportCommand(kind, parameters ?? {}, { knownAt, position }, reportId, principal));
    setCreatedOrRepeated(response, created);
    return answer;
  }
}
