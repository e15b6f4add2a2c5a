import { join } from "node:path";
import type { ConversionResult } from "../../../../tools/curl-to-test/convert-captures.ts";
import {
  diagnosticLines,
  failureLines,
  summaryLines,
  warningLine,
} from "../../convert-messages.ts";
import type { ConvertOptions } from "./convert-options.ts";
import { loadScenarioPath } from "./load-scenario-path.ts";
import { loadLlmStep } from "./llm-step.ts";
import { readCaptures } from "./read-captures.ts";
import { runConversion } from "./run-conversion.ts";

/**
 * The usual mode: captures → specs in the out folder, then (as asked) verified against a live
 * target, the model's plan saved, and a load scenario written beside them.
 */
export async function convertToSpecs(options: ConvertOptions): Promise<void> {
  const model = options.llm ? await loadLlmStep(false) : null;
  const read = await readCaptures(options.input);
  const result = await runConversion(options, read.inputs, model);
  const outDir = options.out ?? join("tests", "api", options.service);
  const { writeConversion } = await import("../../../../tools/curl-to-test/write-conversion.ts");
  const written = await writeConversion({
    outDir,
    specs: result.specs,
    envVars: result.plan.envVars,
  });
  const failingTests =
    options.verify && result.specs.length > 0 ? await verify(result, outDir, options) : 0;
  const planPath =
    model && result.specs.length > 0 ? await model.llm.savePlan(outDir, result) : null;
  if (planPath) written.push(planPath);
  const load = await writeLoad(options, result);
  if (load.written) written.push(load.written);
  for (const line of [...read.failures.flatMap(failureLines), ...diagnosticLines(result)]) {
    console.error(line);
  }
  for (const line of load.warningLines) console.error(line);
  for (const line of summaryLines(result, written)) console.log(line);
  for (const line of model ? await model.llm.reportLines() : []) console.log(line);
  const failures = failureSentences(read.failures.length + result.failures.length, failingTests);
  if (failures.length > 0) throw new Error(failures.join("; "));
}

/** Why the command fails, when it does: everything was written all the same. */
function failureSentences(unconverted: number, failingTests: number): string[] {
  return [
    ...(unconverted > 0
      ? [`${unconverted} capture(s) could not be converted (see above); the rest were written`]
      : []),
    ...(failingTests > 0
      ? [
          `${failingTests} test(s) failed every --verify run (see above): the capture and the service disagree; the specs were written as they are`,
        ]
      : []),
  ];
}

/**
 * Runs the written specs against `--verify` and keeps the plan and specs that held; returns how
 * many tests failed every run.
 */
async function verify(
  result: ConversionResult,
  outDir: string,
  options: ConvertOptions,
): Promise<number> {
  const { verifyAndRewrite } = await import("../../verify-step.ts");
  const verified = await verifyAndRewrite({
    result,
    outDir,
    url: options.verify ?? "",
    ...(options.verifyRuns === undefined ? {} : { runs: options.verifyRuns }),
  });
  result.plan = verified.plan;
  result.specs = verified.specs;
  return verified.failing;
}

/** Writes the load scenario when one is asked for; a failure joins the conversion's own. */
async function writeLoad(
  options: ConvertOptions,
  result: ConversionResult,
): Promise<{ written?: string; warningLines: string[] }> {
  const loadPath = await loadScenarioPath(options);
  if (!loadPath) return { warningLines: [] };
  const { writeLoadScenario } =
    await import("../../../../tools/curl-to-test/write-load-scenario.ts");
  const load = await writeLoadScenario({
    plan: result.plan,
    path: loadPath,
    capturedSecrets: result.capturedSecrets,
  });
  if (load.failure) result.failures.push(load.failure);
  return {
    ...(load.written ? { written: load.written } : {}),
    warningLines: load.warnings.map(warningLine),
  };
}
