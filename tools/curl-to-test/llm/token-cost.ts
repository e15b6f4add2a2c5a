/** US dollars per million tokens, as the endpoint bills them: prompt (input) and completion (output). */
export interface TokenPrice {
  input: number;
  output: number;
}

/**
 * Estimated cost in dollars at the configured price; null when no price is configured. Prices
 * are configuration, not code: they change, gateways charge their own, local servers nothing.
 */
export function estimatedCostUsd(
  price: TokenPrice | null,
  tokens: { promptTokens: number; completionTokens: number },
): number | null {
  if (!price) return null;
  return (tokens.promptTokens * price.input + tokens.completionTokens * price.output) / 1_000_000;
}

/** `0.15/0.6` (input/output) or one number for both; anything else is returned as it is. */
export function parseTokenPrice(raw: string): TokenPrice | string {
  const parts = raw.split("/").map((part) => part.trim());
  if (parts.length > 2 || !parts.every((part) => /^\d+(\.\d+)?$/.test(part))) return raw;
  const [input, output = input] = parts.map(Number);
  return input === undefined || output === undefined ? raw : { input, output };
}
