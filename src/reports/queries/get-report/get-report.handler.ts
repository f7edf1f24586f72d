import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { assertActsFor } from '../../../auth/acts-for.js';
import { Forbidden } from '../../../common/errors.js';
import { csvDigest } from '../../rendering/report-output.js';
import { ReportRenderer } from '../../report.renderer.js';
import { GetReportQuery, type ReportRendering } from './get-report.query.js';

/** CSV digests kept: a rendering never changes, so its digest is worked out once per report. */
const DIGESTS_KEPT = 1000;

/**
 * A requested report at its cut. A service key reads its own company's reports only. The CSV
 * answer carries the SHA-256 of its body in a header, so the body is rendered once to hash it
 * (then remembered: renderings are the same at every rendering) before it is sent.
 */
@QueryHandler(GetReportQuery)
export class GetReportHandler implements IQueryHandler<GetReportQuery> {
  private readonly digests = new Map<string, string>();

  constructor(private readonly renderer: ReportRenderer) {}

  async execute({ reportId, format, principal }: GetReportQuery): Promise<ReportRendering> {
    const { request, position, recordedAt } = await this.renderer.recorded(reportId);
    if (principal.role === 'service') {
      if (request.parameters.companyId === undefined) throw new Forbidden(`report ${reportId} is not about company ${principal.companyId}`);
      assertActsFor(principal, request.parameters.companyId);
    }
    const cut = BigInt(request.cut);
    const table = await this.renderer.table(request.kind, request.parameters, cut);
    const meta = {
      reportId,
      kind: request.kind,
      parameters: request.parameters,
      cut: request.cut,
      position: position.toString(10),
      requestedAt: recordedAt.toISOString(),
      requestedBy: { ...request.requestedBy },
      seal: await this.renderer.sealAt(cut),
    };
    if (format === 'json') return { meta, table, format };
    let csvSha256 = this.digests.get(reportId);
    if (csvSha256 === undefined) {
      csvSha256 = await csvDigest(table);
      if (this.digests.size >= DIGESTS_KEPT) this.digests.delete(this.digests.keys().next().value as string);
      this.digests.set(reportId, csvSha256);
    }
    return { meta, table, format, csvSha256 };
  }
}
