import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { assertActsFor } from '../../../auth/acts-for.js';
import { readStreamIfAny } from '../../../application/decide-and-append.js';
import { EVENT_STORE, positionToString, WrongExpectedRevisionError, type EventStore, type JsonObject, type RecordedEvent } from '../../../event-store/event-store.port.js';
import { KnowledgeCuts } from '../../../knowledge-cut/knowledge-cuts.js';
import { LegalityService } from '../../../legality/legality.service.js';
import { canonicalJson } from '../../../common/canonical-json.js';
import { Conflict, Forbidden, ValidationFailed } from '../../../common/errors.js';
import { uuidv7 } from '../../../common/ids.js';
import { REPORT_KINDS, reportStream, SERVICE_REPORT_KINDS, type ReportKind, type ReportParameters, type ReportRequested } from '../../domain/report.events.js';
import { parameterProblems, REPORT_KIND_SPECS } from '../../report-kinds.js';
import { RequestReportCommand, type RequestReportOutcome } from './request-report.command.js';

/**
 * Records `ReportRequested` (docs/api.md §14): checks the kind, the caller's right to it (a
 * service key: its own company's transfers only), every parameter and the cut, then appends the
 * request with the cut resolved to a position. Nothing is recorded when anything is refused.
 */
@CommandHandler(RequestReportCommand)
export class RequestReportHandler implements ICommandHandler<RequestReportCommand> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly cuts: KnowledgeCuts,
    private readonly legality: LegalityService,
  ) {}

  async execute({ kind, parameters: given, cut: asked, reportId, principal }: RequestReportCommand): Promise<RequestReportOutcome> {
    if (!(REPORT_KINDS as readonly string[]).includes(kind)) throw ValidationFailed.of('kind', `must be one of ${REPORT_KINDS.join(', ')}`);
    const reportKind = kind as ReportKind;
    if (principal.role === 'service' && !SERVICE_REPORT_KINDS.includes(reportKind)) {
      throw new Forbidden(`a service key may request ${SERVICE_REPORT_KINDS.join(' and ')} reports only, not ${kind}`);
    }
    const spec = REPORT_KIND_SPECS[reportKind];
    // A service key's reports are about its own company: named or not, it is the one recorded.
    const parameters: Record<string, unknown> = principal.role === 'service' && given.companyId === undefined ? { ...given, companyId: principal.companyId } : { ...given };
    const problems = parameterProblems(spec, parameters);
    if (problems.length > 0) throw new ValidationFailed(problems);
    const p = parameters as ReportParameters;
    if (p.companyId !== undefined) assertActsFor(principal, p.companyId);
    const cut = await this.cutOf(spec.cutParameter, p, asked);
    const checked = spec.check?.(p, this.legality.readModel, cut) ?? [];
    if (checked.length > 0) throw new ValidationFailed(checked);

    const requested: ReportRequested = {
      type: 'ReportRequested',
      data: {
        reportId: reportId ?? uuidv7(),
        kind: reportKind,
        parameters: p,
        cut: positionToString(cut),
        asked: { ...(asked.knownAt !== undefined ? { knownAt: asked.knownAt } : {}), ...(asked.position !== undefined ? { position: asked.position } : {}) },
        requestedBy: { role: principal.role, keyId: principal.keyId, ...(principal.companyId !== undefined ? { companyId: principal.companyId } : {}) },
      },
    };
    return this.append(requested);
  }

  /** The cut: the kind's own (verdict-drift: toPosition, with no knownAt/position beside it), or the request's. */
  private async cutOf(cutParameter: string | undefined, p: ReportParameters, asked: { knownAt?: string; position?: string }): Promise<bigint> {
    if (cutParameter === undefined) return this.cuts.resolve(asked);
    const given = (['knownAt', 'position'] as const).filter((name) => asked[name] !== undefined);
    if (given.length > 0) throw new ValidationFailed(given.map((field) => ({ field, reason: `must not be given for this kind: its cut is parameters.${cutParameter}` })));
    const head = await this.cuts.catchUp();
    const cut = BigInt(p[cutParameter]);
    if (cut > head) throw ValidationFailed.of(`parameters.${cutParameter}`, `is beyond the ledger head (${head})`);
    return cut;
  }

  /** Appends the request as a new stream; the same reportId again is a repeat when its content is the same, else 409. */
  private async append(requested: ReportRequested): Promise<RequestReportOutcome> {
    const { reportId } = requested.data;
    const stream = reportStream(reportId);
    try {
      const result = await this.store.append(stream, [{ id: uuidv7(), type: requested.type, data: requested.data as unknown as JsonObject, metadata: { actor: { ...requested.data.requestedBy } } }], { expectedRevision: 'no-stream' });
      return { created: true, answer: answerOf(result.events[0]) };
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError)) throw error;
    }
    const [first] = await readStreamIfAny(this.store, stream, { maxCount: 1 });
    const { cut: _cut, reportId: _id, ...mine } = requested.data;
    const { cut: _c, reportId: _i, ...theirs } = first.data as unknown as ReportRequested['data'];
    if (canonicalJson(mine) !== canonicalJson(theirs)) throw new Conflict(`report ${reportId} was requested already with other content`);
    return { created: false, answer: answerOf(first) };
  }

}

const answerOf = (event: RecordedEvent): RequestReportOutcome['answer'] => {
  const data = event.data as unknown as ReportRequested['data'];
  return { reportId: data.reportId, position: positionToString(event.position), cut: data.cut, kind: data.kind };
};
