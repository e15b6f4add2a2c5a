/**
 * Every setting of `qaops convert --llm`, resolved in one place and one order: explicit option,
 * then env var, then default. Values are validated once here; an error names the option or
 * env var and the bad value (never the API key's value).
 */
import { z } from "zod";
import { parseTokenPrice } from "./token-cost.ts";

export const personalDataKinds = ["email", "phone", "address", "name"] as const;
export type PersonalDataKind = (typeof personalDataKinds)[number];

/** Fields whose string values are masked as people's names (matched case-insensitively). */
export const defaultNameFields = [
  "name",
  "fullName",
  "firstName",
  "lastName",
  "givenName",
  "familyName",
  "nickname",
  "recipient",
  "recipientName",
  "customerName",
  "memberName",
  "contactName",
  "ordererName",
  "receiverName",
  "senderName",
];

const defaultModel = "gpt-4o-mini";

const llmOptionsSchema = z.object({
  /** Absent: nothing is sent, and the conversion falls back with a warning. */
  apiKey: z.string().min(1).optional(),
  /** Any OpenAI-compatible endpoint; absent: the official API. */
  baseURL: z.url({ protocol: /^https?$/ }).optional(),
  model: z.string().trim().min(1).default(defaultModel),
  /** Limit of one attempt, in milliseconds. */
  timeoutMs: z.number().int().min(1).max(600_000).default(60_000),
  /** Attempts per prompt, the first included; 429, 5xx, timeouts and lost connections retry. */
  maxAttempts: z.number().int().min(1).max(10).default(3),
  /** First backoff wait when the server gives no Retry-After; doubles per attempt. */
  retryBaseMs: z.number().int().min(0).max(60_000).default(1_000),
  /** A Retry-After longer than this is not waited for: the prompt fails (and falls back). */
  maxRetryDelayMs: z.number().int().min(0).max(600_000).default(30_000),
  /** Prompts in flight at once. */
  concurrency: z.number().int().min(1).max(16).default(4),
  /** Exchanges described in one prompt; specs are batched up to this many. */
  exchangesPerPrompt: z.number().int().min(1).max(200).default(12),
  /** Answers are kept here, keyed by (model, prompt, plan schema version); null: no cache. */
  cacheDir: z.string().min(1).nullable().default(".qaops/llm-cache"),
  /** Personal data masked in prompts. */
  mask: z.array(z.enum(personalDataKinds)).default([...personalDataKinds]),
  nameFields: z.array(z.string().min(1)).default(defaultNameFields),
  /** US$ per million tokens, input/output, for the cost estimate; null: tokens only. */
  price: z
    .object(
      { input: z.number().min(0), output: z.number().min(0) },
      { error: 'must be dollars per million tokens, "input/output" such as 0.15/0.6' },
    )
    .nullable()
    .default(null),
});

export type LlmOptions = z.infer<typeof llmOptionsSchema>;
export type LlmOptionsInput = z.input<typeof llmOptionsSchema>;

/** A setting that cannot be used; names the option or env var. */
export class LlmOptionsError extends Error {
  override name = "LlmOptionsError";
}

/** Where each option comes from when not given explicitly. */
const envNames: Partial<Record<keyof LlmOptions, string>> = {
  apiKey: "OPENAI_API_KEY",
  baseURL: "OPENAI_BASE_URL",
  model: "QAOPS_LLM_MODEL",
  timeoutMs: "QAOPS_LLM_TIMEOUT_MS",
  maxAttempts: "QAOPS_LLM_MAX_ATTEMPTS",
  concurrency: "QAOPS_LLM_CONCURRENCY",
  cacheDir: "QAOPS_LLM_CACHE_DIR",
  mask: "QAOPS_LLM_MASK",
  nameFields: "QAOPS_LLM_NAME_FIELDS",
  price: "QAOPS_LLM_PRICE_PER_MTOKENS",
};

const numericOptions = new Set<keyof LlmOptions>(["timeoutMs", "maxAttempts", "concurrency"]);
const listOptions = new Set<keyof LlmOptions>(["mask", "nameFields"]);

export function resolveLlmOptions(
  explicit: LlmOptionsInput = {},
  env: Readonly<Record<string, string | undefined>> = process.env,
): LlmOptions {
  const merged: Record<string, unknown> = {};
  for (const [option, envName] of Object.entries(envNames) as [keyof LlmOptions, string][]) {
    const raw = env[envName];
    if (raw === undefined || raw.trim() === "") continue;
    merged[option] = fromEnv(option, raw.trim());
  }
  for (const [option, value] of Object.entries(explicit)) {
    if (value !== undefined) merged[option] = value;
  }
  const parsed = llmOptionsSchema.safeParse(merged);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const option = String(issue.path[0] ?? "");
  const source =
    option in explicit ? `option ${option}` : (envNames[option as keyof LlmOptions] ?? option);
  // The key is never echoed, whatever is wrong with it.
  const shown = option === "apiKey" ? "" : `: ${JSON.stringify(merged[option])}`;
  throw new LlmOptionsError(`${source} is invalid (${issue.message})${shown}`);
}

function fromEnv(option: keyof LlmOptions, raw: string): unknown {
  if (numericOptions.has(option)) return /^\d+$/.test(raw) ? Number(raw) : raw;
  if (option === "cacheDir") return raw === "off" ? null : raw;
  if (option === "price") return parseTokenPrice(raw);
  if (listOptions.has(option)) {
    if (option === "mask" && raw === "none") return [];
    return raw
      .split(",")
      .map((item) => item.trim())
      .filter((item) => item !== "");
  }
  return raw;
}
