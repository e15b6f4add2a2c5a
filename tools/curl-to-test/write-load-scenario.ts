import { mkdir, writeFile } from "node:fs/promises";
import type { ConversionWarning } from "./model/conversion-warning.ts";
import { placeWarnings } from "./model/conversion-warning.ts";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { leakedSecret } from "./convert-captures.ts";
import type { CaptureFailure } from "./model/captured-request.ts";
import type { ConversionPlan } from "./plan/conversion-plan.ts";
import { formatTypeScript } from "./render/format-typescript.ts";
import { renderLoadScenario } from "./render/render-load-scenario.ts";

/** The load scenarios' shared profiles, objectives and targets, which the scenario imports. */
const perfLibDir = fileURLToPath(new URL("../../tests/perf/lib", import.meta.url));

/** Where `qaops convert --load` writes, relative to the working folder, unless `--load-out` says. */
export function defaultLoadScenarioPath(service: string): string {
  return join("tests", "perf", "captured", `${service}.ts`);
}

export interface LoadScenarioFileOptions {
  plan: ConversionPlan;
  /** The file to write, e.g. `tests/perf/captured/order.ts`. */
  path: string;
  /** The capture's secret values, to refuse a file that would hold one; empty for saved plans. */
  capturedSecrets: ReadonlyMap<string, string>;
}

export interface LoadScenarioFile {
  /** The path written; null when nothing was (no request, or a secret would have leaked). */
  written: string | null;
  /** One per `warning:` line, located at the scenario's file; each also stands in it as a TODO. */
  warnings: ConversionWarning[];
  failure?: CaptureFailure;
}

/**
 * The plan as an Artillery scenario, formatted like every generated file and written where asked; its
 * imports of `tests/perf/lib` are relative to that place, so it runs from anywhere.
 */
export async function writeLoadScenario(
  options: LoadScenarioFileOptions,
): Promise<LoadScenarioFile> {
  if (options.plan.specs.length === 0) return { written: null, warnings: [] };
  const libImport = relative(dirname(resolve(options.path)), perfLibDir)
    .split(sep)
    .join("/");
  const rendered = renderLoadScenario(options.plan, {
    libImport: libImport.startsWith(".") ? libImport : `./${libImport}`,
    scenarioName: `captured/${options.plan.service}`,
  });
  const warnings = placeWarnings(rendered.warnings, { file: options.path, line: 0, column: 0 });
  const text = await formatTypeScript(rendered.text, options.path);
  const leaked = leakedSecret(text, options.capturedSecrets);
  if (leaked !== null) {
    return {
      written: null,
      warnings,
      failure: {
        source: { file: options.path, line: 1, column: 1 },
        message: `the load scenario would hold the value of ${leaked}; not written`,
      },
    };
  }
  await mkdir(dirname(options.path), { recursive: true });
  await writeFile(options.path, text);
  return { written: options.path, warnings };
}
