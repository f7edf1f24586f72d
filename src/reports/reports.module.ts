import { Module } from '@nestjs/common';
import { LegalityModule } from '../legality/legality.module.js';
import { RequestReportController } from './commands/request-report/request-report.controller.js';
import { RequestReportHandler } from './commands/request-report/request-report.handler.js';
import { GetReportController } from './queries/get-report/get-report.controller.js';
import { GetReportHandler } from './queries/get-report/get-report.handler.js';
import { ListReportsController } from './queries/list-reports/list-reports.controller.js';
import { ListReportsHandler } from './queries/list-reports/list-reports.handler.js';
import { RenderReportHandler } from './queries/render-report/render-report.handler.js';
import { ReportRenderer } from './report.renderer.js';

/**
 * Reports (docs/api.md §14): requested as commands (`ReportRequested` in the log), rendered from
 * the legality read model at their cut, listed; and rendered offline by the CLI
 * (RenderReportQuery). `EVENT_STORE`, KnowledgeCuts and the buses come from the app.
 */
@Module({
  imports: [LegalityModule],
  controllers: [RequestReportController, ListReportsController, GetReportController],
  providers: [ReportRenderer, RequestReportHandler, GetReportHandler, ListReportsHandler, RenderReportHandler],
})
export class ReportsModule {}
