import { POSITION_PATTERN } from '../event-store/event-store.port.js';
import { ID_PATTERN, ID_RULE } from '../common/ids.js';
import type { Problem } from '../common/errors.js';
import { instantToEpochMs, isCalendarDate, isInstant } from '../common/time.js';
import { companyTransfersReport } from './domain/company-transfers.renderer.js';
import { illegalTransfersReport } from './domain/illegal-transfers.renderer.js';
import { policyChangesReport } from './domain/policy-changes.renderer.js';
import type { ReportKind, ReportParameters } from './domain/report.events.js';
import type { ReportSource } from './domain/report-source.js';
import type { ReportTable } from './domain/report-table.js';
import { verdictDriftReport } from './domain/verdict-drift.renderer.js';
import { generalListAt, zonePilotReport } from './domain/zone-pilot.renderer.js';

/** How one parameter is checked: its rule in words and the test. */
interface ParameterRule {
  readonly required: boolean;
  readonly rule: string;
  readonly test: (value: string) => boolean;
}

const id = (required: boolean): ParameterRule => ({ required, rule: `must be ${ID_RULE}`, test: (v) => ID_PATTERN.test(v) });
const date = (required: boolean): ParameterRule => ({ required, rule: 'must be a calendar date YYYY-MM-DD', test: isCalendarDate });
const position = (required: boolean): ParameterRule => ({ required, rule: 'must be a ledger position (a decimal integer)', test: (v) => POSITION_PATTERN.test(v) });
const instant = (required: boolean): ParameterRule => ({ required, rule: 'must be an ISO 8601 instant with an offset (e.g. 2025-05-16T17:30:00+08:00)', test: isInstant });

/** What the request's cut means for a kind: a cut of its own (`verdict-drift`: toPosition) or the request's knownAt/position. */
export interface ReportKindSpec {
  readonly parameters: Readonly<Record<string, ParameterRule>>;
  /** Checks between parameters, and against the read model at the cut (a list that must exist), once each is well formed. */
  readonly check?: (p: ReportParameters, source: ReportSource, cut: bigint) => Problem[];
  /** The parameter that is the cut, when the kind has one. */
  readonly cutParameter?: string;
  readonly render: (source: ReportSource, cut: bigint, p: ReportParameters) => ReportTable;
}

const notBefore = (p: ReportParameters, start: string, end: string, value = (v: string): string | number | bigint => v): Problem[] =>
  p[start] !== undefined && p[end] !== undefined && value(p[end]) < value(p[start]) ? [{ field: `parameters.${end}`, reason: `must not be before ${start}` }] : [];

/** Every report kind: its parameters (docs/api.md §14), their checks, and its renderer (src/reports/domain). */
export const REPORT_KIND_SPECS: { readonly [K in ReportKind]: ReportKindSpec } = {
  'company-transfers': {
    parameters: { companyId: id(true), from: date(true), to: date(true) },
    check: (p) => notBefore(p, 'from', 'to'),
    render: (source, cut, p) => companyTransfersReport(source, cut, { companyId: p.companyId, from: p.from, to: p.to }),
  },
  'illegal-transfers': {
    parameters: { from: date(true), to: date(true), companyId: id(false) },
    check: (p) => notBefore(p, 'from', 'to'),
    render: (source, cut, p) => illegalTransfersReport(source, cut, { from: p.from, to: p.to, companyId: p.companyId }),
  },
  'zone-pilot': {
    parameters: { listId: id(true), from: date(true), to: date(true) },
    check: (p, source, cut) => [
      ...notBefore(p, 'from', 'to'),
      ...(generalListAt(source, cut, p.listId) ? [] : [{ field: 'parameters.listId', reason: `must name a general data list known at the cut (${cut})` }]),
    ],
    render: (source, cut, p) => zonePilotReport(source, cut, { listId: p.listId, from: p.from, to: p.to }),
  },
  'verdict-drift': {
    parameters: { fromPosition: position(true), toPosition: position(true), companyId: id(false) },
    check: (p) => notBefore(p, 'fromPosition', 'toPosition', BigInt),
    cutParameter: 'toPosition',
    render: (source, _cut, p) => verdictDriftReport(source, { fromPosition: BigInt(p.fromPosition), toPosition: BigInt(p.toPosition), companyId: p.companyId }),
  },
  'policy-changes': {
    parameters: { recordedFrom: instant(false), recordedTo: instant(false) },
    check: (p) => notBefore(p, 'recordedFrom', 'recordedTo', instantToEpochMs),
    render: (source, cut, p) =>
      policyChangesReport(source, cut, {
        recordedFromMs: p.recordedFrom === undefined ? undefined : instantToEpochMs(p.recordedFrom),
        recordedToMs: p.recordedTo === undefined ? undefined : instantToEpochMs(p.recordedTo),
      }),
  },
};

/** The problems of a kind's parameters by themselves: unknown names, missing ones, malformed values (each named `parameters.<name>`). */
export function parameterProblems(spec: ReportKindSpec, given: Readonly<Record<string, unknown>>): Problem[] {
  const problems: Problem[] = [];
  for (const name of Object.keys(given)) {
    if (!(name in spec.parameters)) problems.push({ field: `parameters.${name}`, reason: `is not a parameter of this kind (it takes ${Object.keys(spec.parameters).join(', ') || 'none'})` });
  }
  for (const [name, rule] of Object.entries(spec.parameters)) {
    const value = given[name];
    if (value === undefined) {
      if (rule.required) problems.push({ field: `parameters.${name}`, reason: 'is required' });
    } else if (typeof value !== 'string' || !rule.test(value)) {
      problems.push({ field: `parameters.${name}`, reason: rule.rule });
    }
  }
  return problems;
}
