import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { EVENT_STORE, POSITION_PATTERN, positionToString, type EventStore } from '../../../event-store/event-store.port.js';
import { KnowledgeCuts } from '../../../knowledge-cut/knowledge-cuts.js';
import { badCursor, decodeCursor, encodeCursor } from '../../../common/page-cursor.js';
import { readPolicyFact } from '../get-policy-fact/policy-fact.reader.js';
import { KNOWN_POLICY_FACTS, type KnownPolicyFacts } from './known-policy-facts.js';
import { ListPolicyFactsQuery, type PolicyFactListing } from './list-policy-facts.query.js';

/** A policy listing's cursor: the cut and the last id listed. */
interface FactsCursor {
  readonly listing: string;
  readonly cut: string;
  readonly after: string;
}

/**
 * The facts of one kind known at a cut, in id order: the ids from the read model's index, each
 * fact read from its own stream and folded up to the cut as `GET /v1/<kind>/{id}` does.
 */
@QueryHandler(ListPolicyFactsQuery)
export class ListPolicyFactsHandler implements IQueryHandler<ListPolicyFactsQuery> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(KNOWN_POLICY_FACTS) private readonly known: KnownPolicyFacts,
    private readonly cuts: KnowledgeCuts,
  ) {}

  async execute({ kind, cut: given, limit, cursor }: ListPolicyFactsQuery): Promise<PolicyFactListing> {
    const issued = cursor === undefined ? undefined : readCursor(cursor, kind);
    const cut = await this.cuts.resolvePage(given, issued && BigInt(issued.cut));
    const ids = this.known.idsAt(kind, cut);
    let start = 0;
    if (issued) while (start < ids.length && ids[start] <= issued.after) start++;
    const page = ids.slice(start, start + limit);
    const facts = await Promise.all(page.map((id) => readPolicyFact(this.store, kind, id, cut)));
    const items = facts.filter((fact) => fact !== undefined);
    const more = start + limit < ids.length;
    const next: FactsCursor | undefined = more ? { listing: kind, cut: positionToString(cut), after: page[page.length - 1] } : undefined;
    return { items, cut: positionToString(cut), nextCursor: next ? encodeCursor({ ...next }) : null };
  }
}

function readCursor(cursor: string, kind: string): FactsCursor {
  const payload = decodeCursor(cursor) as Partial<FactsCursor>;
  if (typeof payload.cut !== 'string' || !POSITION_PATTERN.test(payload.cut) || typeof payload.after !== 'string') throw badCursor();
  if (payload.listing !== kind) throw badCursor(`was issued for another listing (${String(payload.listing)}), not ${kind}`);
  return payload as FactsCursor;
}
