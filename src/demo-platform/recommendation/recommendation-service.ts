import type { DatabaseSync } from "node:sqlite";
import type { Service } from "../http/route.ts";

export interface RecommendationServiceDependencies {
  catalog: DatabaseSync;
  clock: () => Date;
  /** A folder of rule schema files, re-read when they change. */
  rulesDir: string;
}

export function createRecommendationService(_deps: RecommendationServiceDependencies): Service {
  return { name: "recommendation", routes: [] };
}
