import type { ConvertOptions } from "./convert-options.ts";

/** Where `--load` / `--load-out` asks for the load scenario, or null when none is asked for. */
export async function loadScenarioPath(options: ConvertOptions): Promise<string | null> {
  if (!options.load && !options.loadOut) return null;
  if (options.loadOut) return options.loadOut;
  const { defaultLoadScenarioPath } =
    await import("../../../../tools/curl-to-test/write-load-scenario.ts");
  return defaultLoadScenarioPath(options.service);
}
