import type { LlmUsage } from "./refine-plan.ts";
import { estimatedCostUsd } from "./model-prices.ts";

/**
 * The line printed after `--llm`: prompts, where their answers came from, tokens billed and
 * the estimated cost, e.g. `llm: 2 prompts (1 sent, 1 from cache), 3,120 prompt + 410
 * completion tokens, about $0.0007 (gpt-4o-mini)`.
 */
export function usageSummary(usage: LlmUsage): string {
  const sources = [
    `${usage.sent} sent`,
    ...(usage.cached > 0 ? [`${usage.cached} from cache`] : []),
    ...(usage.failed > 0 ? [`${usage.failed} failed`] : []),
  ];
  const tokens = `${count(usage.promptTokens)} prompt + ${count(usage.completionTokens)} completion tokens`;
  const cost = estimatedCostUsd(usage.model, usage);
  const price = cost === null ? "no price known" : `about $${cost.toFixed(4)}`;
  return `llm: ${usage.prompts} prompt${usage.prompts === 1 ? "" : "s"} (${sources.join(", ")}), ${tokens}, ${price} (${usage.model})`;
}

function count(value: number): string {
  return value.toLocaleString("en-US");
}
