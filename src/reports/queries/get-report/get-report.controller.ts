import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { once } from 'node:events';
import type { ServerResponse } from 'node:http';
import { CurrentPrincipal, Roles, type Principal } from '../../../auth/principal.js';
import { AuthResponses } from '../../../http/auth-responses.js';
import { IdPipe } from '../../../http/id.pipe.js';
import { canonicalJson } from '../../../common/canonical-json.js';
import { writeCsv, writeJson, type TextSink } from '../../rendering/report-output.js';
import { GetReportQuery, REPORT_FORMATS, type ReportFormat, type ReportRendering } from './get-report.query.js';

export class GetReportRequestDto {
  @ApiPropertyOptional({ enum: REPORT_FORMATS, default: 'json', description: 'json (canonical JSON, contentSha256 in the body) or csv (text/csv with a header row, X-Content-SHA256 header)' })
  @IsOptional()
  @IsIn(REPORT_FORMATS, { message: `$property must be one of ${REPORT_FORMATS.join(', ')}` })
  format?: ReportFormat;
}

/** The response as a sink that waits when the socket's buffer is full. */
const responseSink = (response: ServerResponse): TextSink => ({
  write: (text) => {
    if (!response.write(text)) return once(response, 'drain').then(() => undefined);
  },
});

@ApiTags('reports')
@Controller('v1/reports')
export class GetReportController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':reportId')
  @Roles('regulator', 'auditor', 'service')
  @ApiOperation({ summary: 'A requested report rendered from the log up to its cut: byte-identical at every rendering, named by reportId, kind, parameters, cut and contentSha256 (service keys: their own company’s reports)' })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({
    description:
      'JSON: {content: {columns, rows}, contentSha256, cut, kind, parameters, position, reportId, requestedAt, requestedBy, seal: {treeSize, rootHash}}; ' +
      'CSV: a header row, then the rows; X-Content-SHA256, X-Report-Id, X-Report-Kind, X-Report-Cut, X-Report-Parameters, X-Ledger-Seal-Tree-Size, X-Ledger-Seal-Root headers ' +
      '(both formats carry the seal headers: the tree size and root of the log at the cut, as GET /v1/audit/checkpoint?position=<cut> signs them)',
  })
  @ApiNotFoundResponse({ description: 'no such report' })
  @AuthResponses('a service key asking for a report that is not about its company')
  async get(@Param('reportId', IdPipe) reportId: string, @Query() query: GetReportRequestDto, @CurrentPrincipal() principal: Principal, @Res() response: ServerResponse): Promise<void> {
    const rendering: ReportRendering = await this.queries.execute(new GetReportQuery(reportId, query.format ?? 'json', principal));
    const { meta, table } = rendering;
    response.statusCode = 200;
    response.setHeader('X-Report-Id', meta.reportId);
    response.setHeader('X-Report-Kind', meta.kind);
    response.setHeader('X-Report-Cut', meta.cut);
    response.setHeader('X-Report-Parameters', canonicalJson(meta.parameters));
    response.setHeader('X-Ledger-Seal-Tree-Size', String(meta.seal.treeSize));
    response.setHeader('X-Ledger-Seal-Root', meta.seal.rootHash);
    try {
      if (rendering.format === 'csv') {
        response.setHeader('Content-Type', 'text/csv; charset=utf-8; header=present');
        response.setHeader('Content-Disposition', `attachment; filename="report-${meta.reportId}.csv"`);
        response.setHeader('X-Content-SHA256', rendering.csvSha256 ?? '');
        await writeCsv(table, responseSink(response));
      } else {
        response.setHeader('Content-Type', 'application/json; charset=utf-8');
        await writeJson(table, { ...meta }, responseSink(response));
      }
      response.end();
    } catch (error) {
      // The status line is sent: all that is left is to cut the answer short, visibly.
      response.destroy(error instanceof Error ? error : new Error(String(error)));
    }
  }
}
