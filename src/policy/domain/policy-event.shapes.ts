import { isCount } from '../../common/counts.js';
import type { Decider, DomainEvent } from '../../common/decider.js';
import { ValidationFailed, type Problem } from '../../common/errors.js';
import { ID_RULE, isId } from '../../common/ids.js';
import { labelProblem } from '../../common/labels.js';
import { CLASSIFICATIONS, COUNTING_WINDOWS, DATA_LIST_KINDS, INSTRUMENT_KINDS, METRICS, PURPOSES } from '../../common/terms.js';
import { DATE_RULE, isCalendarDate } from '../../common/time.js';
import type { PolicyEventType } from './policy.events.js';

/**
 * The shape of every policy event's data (policy.events.ts), checked where it matters twice:
 * - the deciders check each command's data, and each event they decide to append, with it
 *   ({@link withShapeChecks}), so that nothing the ledger accepts can be unreadable later, however
 *   the command arrived (HTTP, the Lingang seeder, the expiry scheduler, a test);
 * - the legality read model checks each stored event with it, so that an event that is unreadable
 *   all the same (written before these checks, or by another writer) fails only the questions
 *   that need its fact, naming it (legality/domain/policy-history.ts), instead of every question.
 *
 * The HTTP edge (src/http/validators.ts) checks the same rules with friendlier messages first.
 */

/** The longest list a fact holds (docs/api.md §1 "list"). */
const MAX_ITEMS = 1000;
/** The longest label a policy fact holds (docs/api.md §1 "text"). */
const MAX_LABEL = 200;
const COUNTRY = /^[A-Z]{2}$/;

type Data = Record<string, unknown>;

const isObject = (value: unknown): value is Data => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Collects the problems of one event's data, each with its dotted path. */
class Shape {
  readonly problems: Problem[] = [];

  constructor(private readonly data: Data) {}

  add(field: string, reason: string): this {
    this.problems.push({ field, reason });
    return this;
  }

  /** The value at `field` when it is present (undefined is absence; `null` is a value, and a wrong one). */
  private present(field: string, optional: boolean): unknown {
    const value = this.data[field];
    if (value === undefined && !optional) this.add(field, 'is required');
    return value;
  }

  id(field: string, optional = false): this {
    const value = this.present(field, optional);
    if (value !== undefined && !isId(value)) this.add(field, `must be ${ID_RULE}`);
    return this;
  }

  label(field: string, optional = false, value: unknown = this.present(field, optional)): this {
    if (value === undefined) return this;
    if (typeof value !== 'string' || value.length === 0 || value.length > MAX_LABEL) this.add(field, `must be a text of 1–${MAX_LABEL} characters`);
    else {
      const problem = labelProblem(value);
      if (problem) this.add(field, problem);
    }
    return this;
  }

  date(field: string, optional = false): this {
    const value = this.present(field, optional);
    if (value !== undefined && !isCalendarDate(value)) this.add(field, DATE_RULE);
    return this;
  }

  /** `effectiveFrom` and an optional (or required) `effectiveUntil` after it. */
  interval(untilRequired = false): this {
    this.date('effectiveFrom').date('effectiveUntil', !untilRequired);
    const { effectiveFrom: from, effectiveUntil: until } = this.data;
    if (isCalendarDate(from) && isCalendarDate(until) && until <= from) this.add('effectiveUntil', 'must be later than effectiveFrom');
    return this;
  }

  oneOf(field: string, allowed: readonly string[]): this {
    const value = this.present(field, false);
    if (value !== undefined && !allowed.includes(value as string)) this.add(field, `must be one of ${allowed.join(', ')}`);
    return this;
  }

  /** A list of at most 1000 items, each checked by `item` (given its path). */
  list(field: string, item: (value: unknown, path: string) => void, optional = false): this {
    const value = this.present(field, optional);
    if (value === undefined) return this;
    if (!Array.isArray(value) || value.length > MAX_ITEMS) {
      this.add(field, `must be a list of at most ${MAX_ITEMS} items`);
      return this;
    }
    // Every index, holes of a sparse list included (forEach skips them; stored as JSON they become null).
    for (let i = 0; i < value.length; i++) item(value[i], `${field}.${i}`);
    return this;
  }

  /** A nested object, checked field by field with paths under `field`. */
  nested(path: string, value: unknown, check: (shape: Shape) => void): void {
    if (!isObject(value)) {
      this.add(path, 'must be an object');
      return;
    }
    const inner = new Shape(value);
    check(inner);
    for (const problem of inner.problems) this.add(`${path}.${problem.field}`, problem.reason);
  }

  /** A data entry `{field, category?}` (category required when `categoryRequired`). */
  entry(path: string, value: unknown, categoryRequired = false): void {
    this.nested(path, value, (shape) => shape.label('field').label('category', !categoryRequired));
  }
}

const entries = (shape: Shape, field = 'entries'): Shape => shape.list(field, (value, path) => shape.entry(path, value));

const content = {
  regime: (s: Shape) =>
    s
      .id('regimeId')
      .label('title')
      .interval()
      .oneOf('countingWindow', COUNTING_WINDOWS)
      .list('thresholds', (value, path) =>
        s.nested(path, value, (t) => {
          t.oneOf('metric', METRICS).oneOf('requirement', ['standard-contract', 'security-assessment']);
          if (!isCount((value as Data).atLeast)) t.add('atLeast', 'must be a count (an integer from 0 to 10^10)');
        }),
      )
      .list('exemptPurposes', (value, path) => {
        if (!PURPOSES.includes(value as never)) s.add(path, `must be one of ${PURPOSES.join(', ')}`);
      }),
  designation: (s: Shape) => s.id('designationId').label('field').label('category', true).interval().oneOf('classification', CLASSIFICATIONS),
  dataList: (s: Shape, data: Data) => {
    entries(s.id('listId').label('title').interval().oneOf('kind', DATA_LIST_KINDS))
      .list('zones', (value, path) => {
        if (!isId(value)) s.add(path, `must be an id: ${ID_RULE}`);
      });
    const { termMonths } = data;
    if (termMonths !== undefined && !(Number.isSafeInteger(termMonths) && (termMonths as number) >= 1 && (termMonths as number) <= 1200)) s.add('termMonths', 'must be an integer from 1 to 1200');
  },
  instrument: (s: Shape, data: Data) => {
    s.id('instrumentId').id('companyId').interval(true).oneOf('kind', INSTRUMENT_KINDS);
    if (data.scope === undefined) s.add('scope', 'is required');
    else
      s.nested('scope', data.scope, (scope) =>
        scope
          .list('fields', (value, path) => scope.label(path, false, value), true)
          .list('categories', (value, path) => scope.entry(path, value, true), true)
          .list('destinations', (value, path) => {
            if (typeof value !== 'string' || !COUNTRY.test(value)) scope.add(path, 'must be an ISO 3166-1 alpha-2 country code');
          }, true),
      );
  },
};

/** Every problem of an event's data for its type; empty when the data is readable as that type. */
export function policyDataProblems(type: PolicyEventType, data: unknown): Problem[] {
  if (!isObject(data)) return [{ field: 'data', reason: 'must be an object' }];
  const s = new Shape(data);
  switch (type) {
    case 'RegimeEnacted': case 'RegimeAmended':
      content.regime(s);
      break;
    case 'RegimeRepealed':
      s.id('regimeId').date('effectiveFrom');
      break;
    case 'DataDesignated': case 'DesignationAmended':
      content.designation(s);
      break;
    case 'DesignationLifted':
      s.id('designationId').date('effectiveFrom');
      break;
    case 'DataListPublished': case 'DataListAmended':
      content.dataList(s, data);
      break;
    case 'DataListExpanded': case 'DataListEntriesWithdrawn':
      entries(s.id('listId').date('effectiveFrom'));
      break;
    case 'DataListExtended': case 'DataListTerminated':
      s.id('listId').date('effectiveUntil').date('previousUntil', true);
      break;
    case 'DataListExpired':
      s.id('listId').date('effectiveUntil');
      break;
    case 'CompanyRegistered':
      s.id('companyId').id('zoneId').interval();
      break;
    case 'CompanyDeregistered':
      s.id('companyId').id('zoneId').date('effectiveFrom');
      break;
    case 'CompanyDesignatedCiio': case 'CompanyCiioLifted':
      s.id('companyId').date('effectiveFrom');
      break;
    case 'InstrumentGranted': case 'InstrumentAmended':
      content.instrument(s, data);
      break;
    case 'InstrumentRevoked':
      s.id('instrumentId').date('effectiveFrom');
      break;
  }
  return s.problems;
}

/**
 * A policy decider that refuses (400, every problem named) a command whose data is not of the
 * shape of the event it asks for, before deciding, and any event it would append that is not
 * readable as its type (src/legality reads each one so). `eventTypeOf` names, for a command,
 * the event type whose shape its data must have.
 */
export function withShapeChecks<C extends { readonly type: string; readonly data: unknown }, E extends DomainEvent & { readonly type: PolicyEventType }, S>(
  decider: Decider<C, E, S>,
  eventTypeOf: (command: C) => PolicyEventType,
): Decider<C, E, S> {
  return {
    initialState: decider.initialState,
    evolve: decider.evolve,
    decide(command, state) {
      const problems = policyDataProblems(eventTypeOf(command), command.data);
      if (problems.length > 0) throw new ValidationFailed(problems);
      const decision = decider.decide(command, state);
      if (decision.kind === 'append') {
        const unreadable = decision.events.flatMap((event) => policyDataProblems(event.type, event.data));
        if (unreadable.length > 0) throw new ValidationFailed(unreadable);
      }
      return decision;
    },
  };
}
