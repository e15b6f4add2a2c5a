import { json, problem } from "../http/reply.ts";
import type { Route } from "../http/route.ts";
import type { DemoEventBroker, PublishFailureScope } from "./event-broker.ts";
import type { OrderShard } from "./order-shard.ts";
import type { OutboxRelay } from "./outbox-relay.ts";
import { parseId } from "./order-requests.ts";

export interface OutboxAdminDependencies {
  shards: readonly OrderShard[];
  relay: OutboxRelay;
  broker: DemoEventBroker;
}

/**
 * Operator routes for the outbox: its backlog per shard, the relay's counters, and the fault
 * hook that makes publishing fail for one member's events (or all) until it is removed.
 */
export function outboxAdminRoutes(deps: OutboxAdminDependencies): Route[] {
  const scopeOf = (text: string | undefined): PublishFailureScope | undefined =>
    text === "all" ? "all" : parseId(text);
  const badScope = () =>
    problem(400, "Invalid request", {
      errors: [{ field: "scope", message: "must be a member id or `all`" }],
    });
  return [
    {
      method: "GET",
      path: "/__admin/outbox",
      handle: () =>
        json(200, {
          shards: deps.shards.map((shard) => {
            const counts = shard.outboxCounts();
            return {
              shard: shard.index,
              pending: counts.PENDING,
              failed: counts.FAILED,
              published: counts.PUBLISHED,
            };
          }),
          relay: deps.relay.stats(),
          broker: deps.broker.stats(),
        }),
    },
    {
      method: "PUT",
      path: "/__admin/outbox/publish-failures/:scope",
      handle: ({ params }) => {
        const scope = scopeOf(params.scope);
        if (scope === undefined) return badScope();
        deps.broker.failPublishesFor(scope);
        return { status: 204 };
      },
    },
    {
      method: "DELETE",
      path: "/__admin/outbox/publish-failures/:scope",
      handle: ({ params }) => {
        const scope = scopeOf(params.scope);
        if (scope === undefined) return badScope();
        deps.broker.stopFailingFor(scope);
        return { status: 204 };
      },
    },
  ];
}
