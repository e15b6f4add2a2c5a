/**
 * What `qaops convert` does for `--llm`, `--llm-dry-run` and `--from-plan`, kept here so the
 * command only wires it: the refine step handed to `convertCaptures`, the plan file saved beside
 * the specs, the prompts a dry run prints, the usage line, and rendering saved plans again.
 */
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import type {
  CaptureInput,
  ConversionResult,
  GeneratedSpec,
  PlanRefinementInput,
  PlanRefinementOutput,
} from "../convert-captures.ts";
import { leakedSecret } from "../convert-captures.ts";
import type { CaptureFailure } from "../model/captured-request.ts";
import type { ConversionPlan, PlannedEnvVar } from "../plan/conversion-plan.ts";
import { renderConversion } from "../render/render-conversion.ts";
import { chatCompletionBody } from "./chat-completion-sender.ts";
import type { LlmOptions } from "./llm-options.ts";
import { resolveLlmOptions } from "./llm-options.ts";
import { estimatedCostUsd } from "./token-cost.ts";
import { PlanFileError, parsePlanFile, planFileName, planFileText } from "./plan-file.ts";
import { countPromptTokens } from "./prompt-tokens.ts";
import { modelPlanRefiner, refinementPrompts } from "./refine-plan.ts";
import type { RefinementProgress } from "./refine-plan.ts";
import type { RefinementPrompt } from "./refinement-prompt.ts";
import { usageSummary } from "./usage-summary.ts";

export interface ConvertLlmStepOptions {
  /** Print the prompts instead of sending them. */
  dryRun: boolean;
  env?: Readonly<Record<string, string | undefined>>;
  onProgress?: (progress: RefinementProgress) => void;
}

export interface ConvertLlmStep {
  refinePlan: (input: PlanRefinementInput) => Promise<PlanRefinementOutput>;
  /** Saves the plan beside the specs; returns the path written, or null when it was not. */
  savePlan: (outDir: string, result: ConversionResult) => Promise<string | null>;
  /** After a run: the usage line; after a dry run: the prompts, exactly as they would be sent. */
  reportLines: () => Promise<string[]>;
}

/** Resolves and validates the options first: a bad setting throws `LlmOptionsError`. */
export function convertLlmStep(options: ConvertLlmStepOptions): ConvertLlmStep {
  const llm = resolveLlmOptions({}, options.env ?? process.env);
  if (options.dryRun) return dryRunStep(llm);
  const refiner = modelPlanRefiner(
    llm,
    options.onProgress ? { onProgress: options.onProgress } : {},
  );
  return {
    refinePlan: refiner.refinePlan,
    savePlan: savePlanFile,
    reportLines: () => {
      const usage = refiner.usage();
      return Promise.resolve(usage ? [usageSummary(usage, llm.price)] : []);
    },
  };
}

function dryRunStep(llm: LlmOptions): ConvertLlmStep {
  let prompts: RefinementPrompt[] = [];
  let fileNames = new Map<string, string>();
  return {
    refinePlan: (input) => {
      prompts = refinementPrompts({ ...input, options: llm });
      fileNames = new Map(input.plan.specs.map((spec, index) => [`s${index + 1}`, spec.fileName]));
      return Promise.resolve({ plan: input.plan, warnings: [] });
    },
    savePlan: () => Promise.resolve(null),
    reportLines: async () => {
      const endpoint = `${(llm.baseURL ?? "https://api.openai.com/v1").replace(/\/+$/, "")}/chat/completions`;
      const lines: string[] = [];
      let tokens = 0;
      for (const [index, prompt] of prompts.entries()) {
        const count = await countPromptTokens(prompt.messages);
        tokens += count;
        const specs = prompt.specIds.map((id) => fileNames.get(id) ?? id).join(", ");
        lines.push(
          `# prompt ${index + 1}/${prompts.length} for ${specs}: about ${count} prompt tokens`,
          `# POST ${endpoint}`,
          JSON.stringify(chatCompletionBody(llm.model, prompt.messages), null, 2),
        );
      }
      const cost = estimatedCostUsd(llm.price, { promptTokens: tokens, completionTokens: 0 });
      lines.push(
        `# llm dry run: ${prompts.length} prompt${prompts.length === 1 ? "" : "s"}, about ${tokens} prompt tokens${cost === null ? "" : ` (about $${cost.toFixed(4)} before the answers)`} for ${llm.model}; nothing was sent, no file was written`,
      );
      return lines;
    },
  };
}

/** Writes `<out>/.qaops-plan.json`, unless a captured secret value would be in it. */
async function savePlanFile(outDir: string, result: ConversionResult): Promise<string | null> {
  const text = await planFileText(result.plan);
  if (leakedSecret(text, result.capturedSecrets) !== null) return null;
  const path = join(outDir, planFileName);
  await writeFile(path, text);
  return path;
}

export interface RenderedPlans {
  specs: GeneratedSpec[];
  envVars: PlannedEnvVar[];
  plans: ConversionPlan[];
  failures: CaptureFailure[];
}

/** `--from-plan`: each input is a saved plan of `service`, rendered again without any model. */
export async function renderPlanFiles(
  inputs: readonly CaptureInput[],
  service: string,
): Promise<RenderedPlans> {
  const rendered: RenderedPlans = { specs: [], envVars: [], plans: [], failures: [] };
  for (const input of inputs) {
    let plan: ConversionPlan;
    try {
      plan = parsePlanFile(input.text);
    } catch (error) {
      if (!(error instanceof PlanFileError)) throw error;
      rendered.failures.push({
        source: { file: input.name, line: 1, column: 1 },
        message: error.message,
      });
      continue;
    }
    if (plan.service !== service) {
      rendered.failures.push({
        source: { file: input.name, line: 1, column: 1 },
        message: `the plan is for service ${JSON.stringify(plan.service)}, not ${JSON.stringify(service)}`,
      });
      continue;
    }
    rendered.plans.push(plan);
    rendered.specs.push(...(await renderConversion(plan)));
    for (const envVar of plan.envVars) {
      if (!rendered.envVars.some((known) => known.name === envVar.name))
        rendered.envVars.push(envVar);
    }
  }
  return rendered;
}
