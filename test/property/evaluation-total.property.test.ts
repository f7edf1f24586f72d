import fc from 'fast-check';
import { describe, expect, it } from '@jest/globals';
import { policyStateOn } from '../../src/audit/domain/policy-state.js';
import { factKeyOf } from '../../src/legality/domain/policy-facts.js';
import type { DeclaredTransfer } from '../../src/legality/domain/transfer-under-evaluation.js';
import { toTransferUnderEvaluation } from '../../src/legality/domain/transfer-under-evaluation.js';
import { companyDecider } from '../../src/policy/domain/company.decider.js';
import { dataListDecider } from '../../src/policy/domain/data-list.decider.js';
import { designationDecider } from '../../src/policy/domain/designation.decider.js';
import { instrumentDecider } from '../../src/policy/domain/instrument.decider.js';
import type { PolicyEvent } from '../../src/policy/domain/policy.events.js';
import { regimeDecider } from '../../src/policy/domain/regime.decider.js';
import { fold, type Decider, type DomainEvent } from '../../src/common/decider.js';
import { LedgerError } from '../../src/common/errors.js';
import { MAX_COUNT } from '../../src/common/counts.js';
import { LedgerLog } from '../unit/legality/ledger-log.js';
import { policyEvent, transfer } from './history.arbitraries.js';

/**
 * docs/domain.md §4 is total over what the ledger accepts (issue 9): random policy commands —
 * well-formed ones and ones with a member broken (null, a list, a wrong type, a date or count out
 * of range, an invisible character) — go through the real deciders, stream by stream; whatever
 * they accept is appended to a log fed to the real legality projections, with transfers recorded
 * between them (counts and instants up to the ledger's limits). Then every question — each
 * recorded transfer and random hypothetical ones, at every cut — is answered without throwing,
 * and so is the auditor's policy state. A decider refuses only with the ledger's own rejections.
 */

type AnyCommand = { readonly type: string; readonly data: Record<string, unknown> } & Record<string, unknown>;
type AnyDecider = Decider<AnyCommand, DomainEvent, unknown>;

/** The command that asks for the event, and the decider that decides it. */
function commandFor(event: PolicyEvent): { command: AnyCommand; decider: AnyDecider } {
  const data = JSON.parse(JSON.stringify(event.data)) as Record<string, unknown>;
  const as = (decider: unknown, type: string, extra: Record<string, unknown> = {}) => ({ command: { type, data, ...extra }, decider: decider as AnyDecider });
  switch (event.type) {
    case 'RegimeEnacted': return as(regimeDecider, 'EnactRegime');
    case 'RegimeAmended': return as(regimeDecider, 'AmendRegime', { regimeId: data.regimeId });
    case 'RegimeRepealed': return as(regimeDecider, 'RepealRegime');
    case 'DataDesignated': return as(designationDecider, 'DesignateData');
    case 'DesignationAmended': return as(designationDecider, 'AmendDesignation', { designationId: data.designationId });
    case 'DesignationLifted': return as(designationDecider, 'LiftDesignation');
    case 'DataListPublished': return as(dataListDecider, 'PublishDataList');
    case 'DataListAmended': return as(dataListDecider, 'AmendDataList', { listId: data.listId });
    case 'DataListExpanded': return as(dataListDecider, 'ExpandDataList');
    case 'DataListEntriesWithdrawn': return as(dataListDecider, 'WithdrawDataListEntries');
    case 'DataListExtended': return as(dataListDecider, 'ExtendDataList');
    case 'DataListTerminated': return as(dataListDecider, 'TerminateDataList');
    case 'DataListExpired': return as(dataListDecider, 'ExpireDataList');
    case 'CompanyRegistered': return as(companyDecider, 'RegisterCompany');
    case 'CompanyDeregistered': return as(companyDecider, 'DeregisterCompany');
    case 'CompanyDesignatedCiio': return { command: { type: 'SetCompanyCiio', data: { ...data, ciio: true } }, decider: companyDecider as unknown as AnyDecider };
    case 'CompanyCiioLifted': return { command: { type: 'SetCompanyCiio', data: { ...data, ciio: false } }, decider: companyDecider as unknown as AnyDecider };
    case 'InstrumentGranted': return as(instrumentDecider, 'GrantInstrument');
    case 'InstrumentAmended': return as(instrumentDecider, 'AmendInstrument', { instrumentId: data.instrumentId });
    case 'InstrumentRevoked': return as(instrumentDecider, 'RevokeInstrument');
  }
}

/** Values no field takes, or takes only at its limit. */
const hostile = fc.constantFrom<unknown>(
  null, [], {}, [[]], [null], '', 'x', ' icv', 'icv\u200b', '\u202e', -1, 1.5, 1e11, MAX_COUNT, Number.MAX_SAFE_INTEGER + 2, true,
  '1969-12-31', '10000-01-01', '9999-12-31', '1970-01-01', '2025-02-30', '.', '..', [{ field: null }], [{ field: 'f1', category: '' }], { fields: null }, 'ZZ',
);

/** Paths of the members of a value (nested objects and list items included). */
const pathsOf = (value: unknown, prefix: string[] = []): string[][] =>
  typeof value !== 'object' || value === null ? [] : Object.entries(value).flatMap(([key, inner]) => [[...prefix, key], ...pathsOf(inner, [...prefix, key])]);

/** The data with the member at `path` set to `value` (undefined: removed). */
function broken(data: Record<string, unknown>, path: readonly string[], value: unknown): Record<string, unknown> {
  const copy = JSON.parse(JSON.stringify(data)) as Record<string, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string, unknown>;
  if (value === undefined) delete node[path[path.length - 1]];
  else node[path[path.length - 1]] = value;
  return copy;
}

/** A policy command, well-formed or with one member broken. */
const policyCommand = fc
  .tuple(policyEvent, fc.boolean(), fc.nat(), fc.option(hostile, { nil: undefined }))
  .map(([event, breakIt, pick, value]) => {
    const { command, decider } = commandFor(event);
    const paths = pathsOf(command.data);
    if (!breakIt || paths.length === 0) return { command, decider };
    return { command: { ...command, data: broken(command.data, paths[pick % paths.length], value) }, decider };
  });

/** Transfers at the ledger's limits too: the first and last instants, counts of 10^10. */
const edgeTransfer: fc.Arbitrary<DeclaredTransfer> = fc.oneof(
  { weight: 4, arbitrary: transfer },
  {
    weight: 1,
    arbitrary: fc.record({
      base: transfer,
      occurredAt: fc.constantFrom('1969-12-31T16:00:00Z', '9999-12-31T15:59:59.999Z', '2024-12-31T16:00:00Z'),
      personalInfoSubjects: fc.constantFrom(0, MAX_COUNT),
    }).map(({ base, occurredAt, personalInfoSubjects }) => ({ ...base, occurredAt, personalInfoSubjects })),
  },
);

type Step = { readonly kind: 'policy'; readonly command: AnyCommand; readonly decider: AnyDecider } | { readonly kind: 'transfer'; readonly transfer: DeclaredTransfer };
const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 3, arbitrary: policyCommand.map(({ command, decider }): Step => ({ kind: 'policy', command, decider })) },
  { weight: 2, arbitrary: edgeTransfer.map((t): Step => ({ kind: 'transfer', transfer: t })) },
);

describe('the evaluator is total over every history the deciders accept', () => {
  it('answers every question at every cut, and the deciders refuse only with ledger rejections', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 50 }), fc.array(edgeTransfer, { minLength: 1, maxLength: 3 }), (steps, questions) => {
        const log = new LedgerLog();
        const streams = new Map<string, DomainEvent[]>();
        const recorded: string[] = [];
        for (const s of steps) {
          if (s.kind === 'transfer') {
            const transferId = `t${recorded.length + 1}`;
            log.record({ ...s.transfer, transferId });
            recorded.push(transferId);
            continue;
          }
          // The stream the command acts on, as the handlers name it.
          const key = streamKeyOf(s.command);
          const history = streams.get(key) ?? [];
          let decision;
          try {
            decision = s.decider.decide(s.command, fold(s.decider, history));
          } catch (error) {
            expect(error).toBeInstanceOf(LedgerError);
            continue;
          }
          if (decision.kind !== 'append') continue;
          for (const event of decision.events) {
            history.push(event);
            const [kind, id] = factKeyOf(event as PolicyEvent).split(/:(.*)/s);
            log.append(`${kind}-${id}`, event.type, event.data);
          }
          streams.set(key, history);
        }
        for (let cut = 0n; cut <= log.head; cut++) {
          for (const question of questions) expect(() => log.projections.evaluateNew(toTransferUnderEvaluation(question), cut)).not.toThrow();
          for (const transferId of recorded) expect(() => log.projections.evaluateRecorded(transferId, cut)).not.toThrow();
          const view = log.projections.policy.viewAt(cut);
          expect(view.unreadable).toEqual([]);
          for (const question of questions) expect(() => policyStateOn(view, toTransferUnderEvaluation(question).date, cut)).not.toThrow();
        }
      }),
      { numRuns: 300 },
    );
  });
});

/** The fact a command acts on, as `kind:id`: from its id member (the path's id for amendments). */
function streamKeyOf(command: AnyCommand): string {
  const { data } = command;
  if (/Regime$/.test(command.type)) return `regime:${String(command.regimeId ?? data.regimeId)}`;
  if (/Designat(e|ion)/.test(command.type)) return `designation:${String(command.designationId ?? data.designationId)}`;
  if (/DataList/.test(command.type)) return `data-list:${String(command.listId ?? data.listId)}`;
  if (/Compan/.test(command.type)) return `company:${String(data.companyId)}`;
  return `instrument:${String(command.instrumentId ?? data.instrumentId)}`;
}
