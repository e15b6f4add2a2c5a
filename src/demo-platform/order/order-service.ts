import type { DatabaseSync } from "node:sqlite";
import type { Service } from "../http/route.ts";

export interface OrderServiceDependencies {
  catalog: DatabaseSync;
  clock: () => Date;
  shardCount: number;
}

export function createOrderService(_deps: OrderServiceDependencies): Service {
  return { name: "order", routes: [] };
}
