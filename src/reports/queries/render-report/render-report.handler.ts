import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { KnowledgeCuts } from '../../../knowledge-cut/knowledge-cuts.js';
import { LegalityService } from '../../../legality/legality.service.js';
import { ValidationFailed } from '../../../common/errors.js';
import { REPORT_KINDS, type ReportKind, type ReportParameters } from '../../domain/report.events.js';
import { parameterProblems, REPORT_KIND_SPECS } from '../../report-kinds.js';
import { ReportRenderer } from '../../report.renderer.js';
import { RenderReportQuery, type OfflineReport } from './render-report.query.js';

/** Checks a report's kind, parameters and cut as a request would, and renders it without recording anything. */
@QueryHandler(RenderReportQuery)
export class RenderReportHandler implements IQueryHandler<RenderReportQuery> {
  constructor(
    private readonly cuts: KnowledgeCuts,
    private readonly legality: LegalityService,
    private readonly renderer: ReportRenderer,
  ) {}

  async execute({ kind, parameters, position }: RenderReportQuery): Promise<OfflineReport> {
    if (!(REPORT_KINDS as readonly string[]).includes(kind)) throw ValidationFailed.of('kind', `must be one of ${REPORT_KINDS.join(', ')}`);
    const spec = REPORT_KIND_SPECS[kind as ReportKind];
    const problems = parameterProblems(spec, parameters);
    if (problems.length > 0) throw new ValidationFailed(problems);
    const p = parameters as ReportParameters;
    if (spec.cutParameter !== undefined && position !== undefined) throw ValidationFailed.of('position', `must not be given for this kind: its cut is parameters.${spec.cutParameter}`);
    const cut = await this.cuts.resolve({ position: spec.cutParameter === undefined ? position : p[spec.cutParameter] });
    const checked = spec.check?.(p, this.legality.readModel, cut) ?? [];
    if (checked.length > 0) throw new ValidationFailed(checked);
    const table = await this.renderer.table(kind as ReportKind, p, cut);
    return { kind, parameters: p, cut: cut.toString(10), seal: await this.renderer.sealAt(cut), table };
  }
}
