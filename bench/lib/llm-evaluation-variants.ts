/**
 * The conversions the LLM evaluation compares: the deterministic plan, and the plan refined by
 * each model variant (the scripted reviewer behind the fake server, a real local model), one
 * capture per service. Tells what each variant's refinement cost per request sent (tokens,
 * seconds) and what validation did with its answers (items rejected, prompts that fell back).
 */
import { join } from "node:path";
import type { ServiceName } from "../../src/demo-platform/platform.ts";
import { convertCaptures } from "../../tools/curl-to-test/convert-captures.ts";
import type { ConversionResult } from "../../tools/curl-to-test/convert-captures.ts";
import { resolveLlmOptions } from "../../tools/curl-to-test/llm/llm-options.ts";
import { modelPlanRefiner } from "../../tools/curl-to-test/llm/refine-plan.ts";
import { writeConversion } from "../../tools/curl-to-test/write-conversion.ts";

export interface ModelVariant {
  name: string;
  /** An OpenAI-compatible endpoint; none: the deterministic plan. */
  endpoint?: { baseURL: string; model: string; timeoutMs: number };
}

export interface RefinementFigures {
  prompts: number;
  fellBack: number;
  /** Proposals the checks against the capture rejected, each named by a warning. */
  rejected: number;
  /** Times the endpoint refused a response format and the client stepped down. */
  formatStepDowns: number;
  promptTokens: number;
  completionTokens: number;
  /** Wall-clock seconds of each service's refinement, per prompt sent. */
  secondsPerPrompt: number[];
}

export interface VariantConversions {
  variant: string;
  results: Map<ServiceName, ConversionResult>;
  refinement: RefinementFigures | null;
}

/** Converts every capture with the variant and writes the specs to `<workDir>/<variant>/<service>`. */
export async function convertVariant(input: {
  variant: ModelVariant;
  captures: ReadonlyMap<ServiceName, string>;
  workDir: string;
}): Promise<VariantConversions> {
  const { variant } = input;
  const results = new Map<ServiceName, ConversionResult>();
  const figures = noFigures();
  for (const [service, text] of input.captures) {
    const inputs = [{ name: `${service}.har`, text }];
    const result = variant.endpoint
      ? await refinedConversion(variant.endpoint, inputs, service, figures)
      : await convertCaptures({ inputs, service });
    results.set(service, result);
    await writeConversion({
      outDir: join(input.workDir, variant.name, service),
      specs: result.specs,
      envVars: result.plan.envVars,
    });
  }
  return { variant: variant.name, results, refinement: variant.endpoint ? figures : null };
}

function noFigures(): RefinementFigures {
  return {
    prompts: 0,
    fellBack: 0,
    rejected: 0,
    formatStepDowns: 0,
    promptTokens: 0,
    completionTokens: 0,
    secondsPerPrompt: [],
  };
}

/** Converts one capture with the endpoint refining the plan, adding its cost to `figures`. */
async function refinedConversion(
  endpoint: NonNullable<ModelVariant["endpoint"]>,
  inputs: { name: string; text: string }[],
  service: ServiceName,
  figures: RefinementFigures,
): Promise<ConversionResult> {
  const refiner = modelPlanRefiner(
    resolveLlmOptions(
      {
        apiKey: "bench",
        baseURL: endpoint.baseURL,
        model: endpoint.model,
        cacheDir: null,
        timeoutMs: endpoint.timeoutMs,
        maxAttempts: 1,
        concurrency: 1,
      },
      {},
    ),
  );
  const started = performance.now();
  const result = await convertCaptures({ inputs, service, refinePlan: refiner.refinePlan });
  const seconds = (performance.now() - started) / 1000;
  const usage = refiner.usage();
  figures.prompts += usage?.prompts ?? 0;
  figures.fellBack += usage?.failed ?? 0;
  figures.promptTokens += usage?.promptTokens ?? 0;
  figures.completionTokens += usage?.completionTokens ?? 0;
  if (usage && usage.prompts > 0) figures.secondsPerPrompt.push(seconds / usage.prompts);
  countWarnings(result, figures);
  return result;
}

/** Counts the proposals validation rejected and the response-format step-downs. */
function countWarnings(result: ConversionResult, figures: RefinementFigures): void {
  for (const warning of result.warnings) {
    if (/^llm: model('s .* rejected: | named )/.test(warning.message)) figures.rejected += 1;
    if (/^llm: the endpoint refused response_format/.test(warning.message)) {
      figures.formatStepDowns += 1;
    }
  }
}
