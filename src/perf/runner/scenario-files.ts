import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** Where `qaops perf <scenario>` finds `<scenario>.ts`. */
export const scenariosDir = fileURLToPath(
  new URL("../../../tests/perf/scenarios/", import.meta.url),
);

/** The scenario names in a folder (its `.ts` files, without the extension), sorted. */
export function listScenarios(dir = scenariosDir): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((file) => file.endsWith(".ts") && !file.endsWith(".d.ts"))
    .map((file) => file.slice(0, -".ts".length))
    .sort();
}

export function scenarioPath(name: string, dir = scenariosDir): string {
  return join(dir, `${name}.ts`);
}
