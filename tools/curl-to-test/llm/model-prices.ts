/**
 * List prices of common OpenAI models, in US dollars per million tokens, to estimate what a
 * conversion cost. An estimate only: prices change, gateways charge their own, local servers
 * charge nothing. A model not listed gets tokens only, no price.
 */
const pricesPerMillionTokens: Record<string, { input: number; output: number }> = {
  "gpt-4o-mini": { input: 0.15, output: 0.6 },
  "gpt-4o": { input: 2.5, output: 10 },
  "gpt-4.1": { input: 2, output: 8 },
  "gpt-4.1-mini": { input: 0.4, output: 1.6 },
  "gpt-4.1-nano": { input: 0.1, output: 0.4 },
  "o3-mini": { input: 1.1, output: 4.4 },
  "o4-mini": { input: 1.1, output: 4.4 },
  "gpt-5": { input: 1.25, output: 10 },
  "gpt-5-mini": { input: 0.25, output: 2 },
  "gpt-5-nano": { input: 0.05, output: 0.4 },
};

/** Estimated cost in dollars; null for a model whose price is not known. */
export function estimatedCostUsd(
  model: string,
  tokens: { promptTokens: number; completionTokens: number },
): number | null {
  const price = priceOf(model);
  if (!price) return null;
  return (tokens.promptTokens * price.input + tokens.completionTokens * price.output) / 1_000_000;
}

/** Exact name, else the longest listed name it extends with a dated suffix (`gpt-4o-2024-08-06`). */
function priceOf(model: string): { input: number; output: number } | undefined {
  const name = model.toLowerCase();
  const exact = pricesPerMillionTokens[name];
  if (exact) return exact;
  const prefix = Object.keys(pricesPerMillionTokens)
    .filter((known) => name.startsWith(`${known}-`))
    .sort((a, b) => b.length - a.length)[0];
  return prefix === undefined ? undefined : pricesPerMillionTokens[prefix];
}
