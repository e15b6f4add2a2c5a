import type { DatabaseSync } from "node:sqlite";
import type { Service } from "../http/route.ts";

export interface EtaServiceDependencies {
  catalog: DatabaseSync;
  clock: () => Date;
}

export function createEtaService(_deps: EtaServiceDependencies): Service {
  return { name: "eta", routes: [] };
}
