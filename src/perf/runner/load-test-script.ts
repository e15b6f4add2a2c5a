import { writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { LoadTest, LoadTestBuilder, ScenarioEnv } from "../scenario/load-test.ts";
import { resultFiles } from "./result-files.ts";

/** A scenario file of `tests/perf/` built with the run's settings. */
export async function buildLoadTest(scenarioPath: string, env: ScenarioEnv): Promise<LoadTest> {
  const module = (await import(pathToFileURL(scenarioPath).href)) as { default?: unknown };
  if (typeof module.default !== "function") {
    throw new Error(`${scenarioPath} has no default export building its load test`);
  }
  return (module.default as LoadTestBuilder)(env, scenarioPath);
}

/**
 * The script Artillery runs, written into the results folder (it shows exactly what ran). Its
 * processor is a one-line entry there that re-exports the scenario's processor: Artillery bundles
 * a TypeScript processor into a `dist/` folder beside it, so each run bundles into its own folder
 * and parallel runs never overwrite each other's bundle. That bundle is CommonJS, so the folder
 * says so: inside a project whose package.json declares ES modules, Node would misread it.
 */
export function writeArtilleryScript(loadTest: LoadTest, resultsDir: string): string {
  const config = { ...loadTest.script.config };
  if (typeof config.processor === "string") {
    const entry = join(resultsDir, "processor.ts");
    writeFileSync(entry, `export * from ${JSON.stringify(resolve(config.processor))};\n`);
    writeFileSync(join(resultsDir, "package.json"), `${JSON.stringify({ type: "commonjs" })}\n`);
    config.processor = entry;
  }
  const scriptPath = join(resultsDir, resultFiles.script);
  writeFileSync(scriptPath, `${JSON.stringify({ ...loadTest.script, config }, null, 2)}\n`);
  return scriptPath;
}
