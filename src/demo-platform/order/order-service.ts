import type { DatabaseSync } from "node:sqlite";
import type { Service } from "../http/route.ts";
import { CatalogLookup } from "./catalog-lookup.ts";
import { DemoEventBroker } from "./event-broker.ts";
import { seedHistoricalOrders } from "./historical-orders.ts";
import { IdempotencyStore } from "./idempotency-store.ts";
import { MemberOrdersReadModel } from "./member-orders-read-model.ts";
import { idempotencyKeyTtlMs, retentionMs } from "./order-policy.ts";
import { orderRoutes } from "./order-routes.ts";
import { OutboxRelay } from "./outbox-relay.ts";
import { outboxAdminRoutes } from "./outbox-admin-routes.ts";
import { ShardedOrderStore } from "./sharded-order-store.ts";

export interface OrderServiceDependencies {
  catalog: DatabaseSync;
  clock: () => Date;
  shardCount: number;
  /** How often the outbox relay runs; 200 ms unless given. */
  relayIntervalMs?: number;
}

/** Retention is a slow concern: a sweep a minute keeps the shards within their 60 days. */
const housekeepingIntervalMs = 60_000;

/**
 * Orders over hash shards with a transactional outbox, a read model for members' order lists,
 * idempotent creation, and two batch jobs (outbox relay, retention sweep) stopped by `close()`.
 */
export function createOrderService(deps: OrderServiceDependencies): Service {
  const store = new ShardedOrderStore(deps.shardCount);
  const readModel = new MemberOrdersReadModel();
  const idempotency = new IdempotencyStore(idempotencyKeyTtlMs);
  const catalog = new CatalogLookup(deps.catalog);
  const broker = new DemoEventBroker();
  const relay = new OutboxRelay({ shards: store.shards, publisher: broker, clock: deps.clock });

  seedHistoricalOrders({ store, readModel, catalog, startedAtMs: deps.clock().getTime() });

  relay.start(deps.relayIntervalMs ?? 200);
  const housekeeping = setInterval(() => {
    const nowMs = deps.clock().getTime();
    store.purgePlacedBefore(nowMs - retentionMs);
    readModel.purgePlacedBefore(nowMs - retentionMs);
    idempotency.purgeExpired(nowMs);
  }, housekeepingIntervalMs);
  housekeeping.unref();

  return {
    name: "order",
    routes: [
      ...orderRoutes({ store, readModel, catalog, idempotency }),
      ...outboxAdminRoutes({ shards: store.shards, relay, broker }),
    ],
    close() {
      relay.stop();
      clearInterval(housekeeping);
      store.close();
      readModel.close();
      idempotency.close();
    },
  };
}
