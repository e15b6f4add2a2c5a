import type { LlmUsage } from "./refine-plan.ts";
import { estimatedCostUsd } from "./token-cost.ts";
import type { TokenPrice } from "./token-cost.ts";

/**
 * The line printed after `--llm`: prompts, where their answers came from, tokens billed and
 * the estimated cost, e.g. `llm: 2 prompts (1 sent, 1 from cache), 3,120 prompt + 410
 * completion tokens, about $0.0007 (gpt-4o-mini)`; the cost only at a configured price.
 */
export function usageSummary(usage: LlmUsage, price: TokenPrice | null): string {
  const sources = [
    `${usage.sent} sent`,
    ...(usage.cached > 0 ? [`${usage.cached} from cache`] : []),
    ...(usage.failed > 0 ? [`${usage.failed} failed`] : []),
  ];
  const tokens = `${count(usage.promptTokens)} prompt + ${count(usage.completionTokens)} completion tokens`;
  const cost = estimatedCostUsd(price, usage);
  const shown = cost === null ? "no price set" : `about $${cost.toFixed(4)}`;
  return `llm: ${usage.prompts} prompt${usage.prompts === 1 ? "" : "s"} (${sources.join(", ")}), ${tokens}, ${shown} (${usage.model})`;
}

function count(value: number): string {
  return value.toLocaleString("en-US");
}
