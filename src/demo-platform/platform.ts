import { fileURLToPath } from "node:url";
import { openCatalog } from "./catalog/catalog-database.ts";
import { createEtaService } from "./eta/eta-service.ts";
import { startServiceServer } from "./http/service-server.ts";
import type { RunningService } from "./http/service-server.ts";
import type { Service } from "./http/route.ts";
import { createOrderService } from "./order/order-service.ts";
import { createRecommendationService } from "./recommendation/recommendation-service.ts";

export const serviceNames = ["order", "eta", "recommendation"] as const;
export type ServiceName = (typeof serviceNames)[number];

export interface DemoPlatformOptions {
  /** The order service's port; eta and recommendation take the next two. 0 picks free ports. */
  port: number;
  host?: string;
  apiToken: string;
  orderShards?: number;
  rulesDir?: string;
  log?: (line: string) => void;
  clock?: () => Date;
}

export interface DemoPlatform {
  services: Record<ServiceName, RunningService>;
  close(): Promise<void>;
}

export const defaultRulesDir = fileURLToPath(new URL("./recommendation/rules/", import.meta.url));

/** One process, three services, one embedded database: what every qaops stage runs against. */
export async function startDemoPlatform(options: DemoPlatformOptions): Promise<DemoPlatform> {
  const catalog = openCatalog();
  const clock = options.clock ?? (() => new Date());
  const definitions: Record<ServiceName, Service> = {
    order: createOrderService({ catalog, clock, shardCount: options.orderShards ?? 4 }),
    eta: createEtaService({ catalog, clock }),
    recommendation: createRecommendationService({
      catalog,
      clock,
      rulesDir: options.rulesDir ?? defaultRulesDir,
    }),
  };

  const started: RunningService[] = [];
  try {
    for (const [index, name] of serviceNames.entries()) {
      started.push(
        await startServiceServer({
          service: definitions[name],
          host: options.host ?? "127.0.0.1",
          port: options.port === 0 ? 0 : options.port + index,
          apiToken: options.apiToken,
          clock,
          ...(options.log ? { log: options.log } : {}),
        }),
      );
    }
  } catch (error) {
    await Promise.all(started.map((s) => s.close()));
    catalog.close();
    throw error;
  }

  const [order, eta, recommendation] = started as [RunningService, RunningService, RunningService];
  return {
    services: { order, eta, recommendation },
    async close() {
      await Promise.all(started.map((s) => s.close()));
      catalog.close();
    },
  };
}
