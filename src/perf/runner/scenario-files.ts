import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** Where `qaops perf <scenario>` finds `<scenario>.ts`. */
export const scenariosDir = fileURLToPath(
  new URL("../../../tests/perf/scenarios/", import.meta.url),
);

/** Where `qaops convert --load` writes scenarios by default; run as `captured/<service>`. */
export const capturedScenariosDir = fileURLToPath(
  new URL("../../../tests/perf/captured/", import.meta.url),
);

const capturedPrefix = "captured/";

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

/** Every name `qaops perf` runs: the scenarios, then the captured ones as `captured/<service>`. */
export function runnableScenarios(
  dirs = { scenarios: scenariosDir, captured: capturedScenariosDir },
) {
  return [
    ...listScenarios(dirs.scenarios),
    ...listScenarios(dirs.captured).map((name) => `${capturedPrefix}${name}`),
  ];
}

/** The file of a name `runnableScenarios` lists. */
export function runnableScenarioPath(
  name: string,
  dirs = { scenarios: scenariosDir, captured: capturedScenariosDir },
): string {
  return name.startsWith(capturedPrefix)
    ? scenarioPath(name.slice(capturedPrefix.length), dirs.captured)
    : scenarioPath(name, dirs.scenarios);
}
