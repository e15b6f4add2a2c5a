import { join } from "node:path";
import { failureLines, warningLine } from "../../convert-messages.ts";
import type { ConvertOptions } from "./convert-options.ts";
import { loadScenarioPath } from "./load-scenario-path.ts";
import { readCaptures } from "./read-captures.ts";

/** `--from-plan`: renders saved `.qaops-plan.json` files again, without any model. */
export async function renderSavedPlans(options: ConvertOptions): Promise<void> {
  const { renderPlanFiles } =
    await import("../../../../tools/curl-to-test/llm/convert-llm-step.ts");
  const { writeConversion } = await import("../../../../tools/curl-to-test/write-conversion.ts");
  const read = await readCaptures(options.input);
  const rendered = await renderPlanFiles(read.inputs, options.service);
  const written = await writeConversion({
    outDir: options.out ?? join("tests", "api", options.service),
    specs: rendered.specs,
    envVars: rendered.envVars,
  });
  const loadPath = await loadScenarioPath(options);
  const [firstPlan] = rendered.plans;
  if (loadPath && firstPlan) {
    const { writeLoadScenario } =
      await import("../../../../tools/curl-to-test/write-load-scenario.ts");
    const load = await writeLoadScenario({
      plan: {
        ...firstPlan,
        envVars: rendered.envVars,
        specs: rendered.plans.flatMap((plan) => plan.specs),
      },
      path: loadPath,
      capturedSecrets: new Map(),
    });
    for (const warning of load.warnings) console.error(warningLine(warning));
    if (load.written) written.push(load.written);
  }
  const failures = [...read.failures, ...rendered.failures];
  for (const line of failures.flatMap(failureLines)) console.error(line);
  for (const path of written) console.log(`wrote ${path}`);
  if (failures.length > 0) {
    throw new Error(`${failures.length} plan(s) could not be rendered (see above)`);
  }
}
