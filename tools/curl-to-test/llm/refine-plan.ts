/**
 * `qaops convert --llm`: asks a model to refine the conversion plan and applies what survives
 * checking against the capture. Specs are batched into prompts of a bounded number of
 * exchanges; prompts go out a few at a time, answers are cached on disk, and any failure (no
 * key, an unreachable endpoint, a 429 storm, a timeout, an answer that is not the schema's)
 * leaves the specs of that prompt exactly as the deterministic plan has them, with a warning.
 * Nothing here throws for those: the conversion always goes on.
 */
import type { PlanRefinementInput, PlanRefinementOutput } from "../convert-captures.ts";
import type { CapturedRequest, SourceLocation } from "../model/captured-request.ts";
import type { ConversionPlan } from "../plan/conversion-plan.ts";
import type { ConversionWarning } from "../model/conversion-warning.ts";
import { applyRefinement } from "./apply-refinement.ts";
import type { RetryNotice } from "./chat-completion-sender.ts";
import type { LlmOptions } from "./llm-options.ts";
import { planExchanges } from "./plan-exchanges.ts";
import type { SpecEntry } from "./plan-exchanges.ts";
import { answerAll, cachedPrompts, refinementSender } from "./refinement-answers.ts";
import type { PromptOutcome } from "./refinement-answers.ts";
import { buildRefinementPrompt } from "./refinement-prompt.ts";
import type { RefinementPrompt } from "./refinement-prompt.ts";
import type { PlanRefinement } from "./refinement-schema.ts";
import { StructuredOutputMemory } from "./structured-output.ts";

export interface RefinePlanInput {
  plan: ConversionPlan;
  /** The captured requests the plan was built from, with their responses. */
  requests: readonly CapturedRequest[];
  /** Captured secret values by env var name: kept out of every prompt. */
  capturedSecrets: ReadonlyMap<string, string>;
  options: LlmOptions;
  onProgress?: (progress: RefinementProgress) => void;
  /** Waits between retries; tests may shorten it. */
  sleep?: (ms: number) => Promise<void>;
  /** The response format each endpoint took so far in this run; fresh when absent. */
  formats?: StructuredOutputMemory;
}

export interface RefinementProgress {
  done: number;
  total: number;
  /** Set while a prompt waits to retry. */
  retrying?: RetryNotice;
}

export interface LlmUsage {
  model: string;
  prompts: number;
  /** Prompts answered by the endpoint in this run. */
  sent: number;
  /** Prompts answered from the on-disk cache: nothing sent. */
  cached: number;
  /** Prompts whose specs kept the deterministic plan. */
  failed: number;
  /** Tokens billed in this run (cached answers cost nothing). */
  promptTokens: number;
  completionTokens: number;
}

export interface RefinePlanResult {
  /** The refined plan; the input plan itself when nothing was applied. */
  plan: ConversionPlan;
  /** One per `warning:` line, prefixed `llm:`; those about a request are TODOs there too. */
  warnings: ConversionWarning[];
  usage: LlmUsage;
}

/** Batches of whole specs, each up to `exchangesPerPrompt` exchanges (a larger spec goes alone). */
function refinementBatches(
  plan: ConversionPlan,
  requests: readonly CapturedRequest[],
  exchangesPerPrompt: number,
): SpecEntry[][] {
  const batches: SpecEntry[][] = [];
  let current: SpecEntry[] = [];
  let size = 0;
  for (const spec of planExchanges(plan, requests)) {
    if (current.length > 0 && size + spec.exchanges.length > exchangesPerPrompt) {
      batches.push(current);
      current = [];
      size = 0;
    }
    current.push(spec);
    size += spec.exchanges.length;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

/** The exact prompts `--llm` would send for this plan (what `--llm-dry-run` prints). */
export function refinementPrompts(
  input: Pick<RefinePlanInput, "plan" | "requests" | "capturedSecrets" | "options">,
): RefinementPrompt[] {
  return refinementBatches(input.plan, input.requests, input.options.exchangesPerPrompt).map(
    (specs) =>
      buildRefinementPrompt({
        service: input.plan.service,
        specs,
        masking: { kinds: input.options.mask, nameFields: input.options.nameFields },
        capturedSecrets: input.capturedSecrets,
      }),
  );
}

export async function refinePlan(input: RefinePlanInput): Promise<RefinePlanResult> {
  const options = input.options;
  const usage = emptyUsage(options.model);
  const firstSource = firstSourceOf(input.plan, input.requests);
  if (input.plan.specs.length === 0) return { plan: input.plan, warnings: [], usage };

  // Prompts are built from a copy that answers then refine, batch by batch.
  const draft = structuredClone(input.plan);
  const batches = refinementBatches(draft, input.requests, options.exchangesPerPrompt);
  const prompts = batches.map((specs) =>
    buildRefinementPrompt({
      service: draft.service,
      specs,
      masking: { kinds: options.mask, nameFields: options.nameFields },
      capturedSecrets: input.capturedSecrets,
    }),
  );
  usage.prompts = prompts.length;

  const cached = await cachedPrompts(options, prompts);
  const needsEndpoint = cached.answers.some((answer) => answer === null);
  if (needsEndpoint && options.apiKey === undefined && options.baseURL === undefined) {
    const message =
      "llm: OPENAI_API_KEY is not set: nothing was sent, the tests come from the deterministic plan";
    return {
      plan: input.plan,
      warnings: [{ code: "llm-not-configured", message, location: firstSource }],
      usage,
    };
  }
  const warnings: ConversionWarning[] = [];
  const send = refinementSender(input, firstSource, warnings);
  const outcomes = await answerAll({
    prompts,
    cached,
    send,
    concurrency: options.concurrency,
    progress: input.onProgress ?? (() => {}),
  });
  const applied = applyOutcomes({ draft, batches, outcomes, usage, warnings, firstSource });
  if (applied === 0) return { plan: input.plan, warnings, usage };
  draft.refinedBy = { model: options.model };
  return { plan: draft, warnings, usage };
}

function emptyUsage(model: string): LlmUsage {
  return { model, prompts: 0, sent: 0, cached: 0, failed: 0, promptTokens: 0, completionTokens: 0 };
}

/**
 * Applies each usable answer to its batch's specs in `draft`, counting tokens and outcomes in
 * `usage` and adding a warning per failed prompt and per notice. Returns how many applied.
 */
function applyOutcomes(input: {
  draft: ConversionPlan;
  batches: readonly SpecEntry[][];
  outcomes: readonly PromptOutcome[];
  usage: LlmUsage;
  warnings: ConversionWarning[];
  firstSource: SourceLocation;
}): number {
  const { usage, warnings, firstSource } = input;
  const several = input.batches.length > 1;
  let applied = 0;
  for (const [index, outcome] of input.outcomes.entries()) {
    const specs = input.batches[index]!;
    if (!outcome.ok) {
      usage.failed += 1;
      usage.promptTokens += outcome.promptTokens;
      usage.completionTokens += outcome.completionTokens;
      const which = several ? ` for specs ${specNames(specs)}` : "";
      warnings.push({
        code: "llm-no-usable-answer",
        location: firstSource,
        message: `llm: no usable answer${which}: ${outcome.reason}; ${several ? "those specs keep" : "the tests keep"} the deterministic plan`,
      });
      continue;
    }
    countAnswer(usage, outcome);
    applied += 1;
    warnings.push(...refinementNotices(input.draft, specs, outcome.refinement, firstSource));
  }
  return applied;
}

function countAnswer(usage: LlmUsage, outcome: PromptOutcome & { ok: true }): void {
  if (outcome.fromCache) {
    usage.cached += 1;
    return;
  }
  usage.sent += 1;
  usage.promptTokens += outcome.answer.promptTokens;
  usage.completionTokens += outcome.answer.completionTokens;
}

/** Applies one refinement; a notice about an exchange is also a TODO in its test. */
function refinementNotices(
  draft: ConversionPlan,
  specs: readonly SpecEntry[],
  refinement: PlanRefinement,
  firstSource: SourceLocation,
): ConversionWarning[] {
  return applyRefinement(draft, specs, refinement).map((notice) => {
    const message = `llm: ${notice.message}`;
    const code = "llm-proposal-rejected";
    if (!notice.exchange) return { code, message, location: firstSource };
    notice.exchange.todos.push({ code, message });
    return { code, message, location: notice.exchange.sources[0] ?? firstSource };
  });
}

function specNames(specs: readonly SpecEntry[]): string {
  return specs.map((spec) => spec.spec.fileName).join(", ");
}

function firstSourceOf(plan: ConversionPlan, requests: readonly CapturedRequest[]): SourceLocation {
  for (const spec of plan.specs) {
    for (const test of spec.tests) {
      const exchange =
        test.kind === "single"
          ? test.exchange
          : test.kind === "table"
            ? test.cases[0]
            : test.steps[0];
      const source = exchange?.sources[0];
      if (source) return source;
    }
  }
  return requests[0]?.source ?? { file: "-", line: 1, column: 1 };
}

/**
 * The `refinePlan` step for `convertCaptures`, keeping the usage of its run for the summary
 * line printed at the end.
 */
export function modelPlanRefiner(
  options: LlmOptions,
  extras: Pick<RefinePlanInput, "onProgress" | "sleep"> = {},
): {
  refinePlan: (input: PlanRefinementInput) => Promise<PlanRefinementOutput>;
  usage: () => LlmUsage | null;
} {
  let usage: LlmUsage | null = null;
  const formats = new StructuredOutputMemory();
  return {
    refinePlan: async (input) => {
      const result = await refinePlan({ ...input, ...extras, options, formats });
      usage = result.usage;
      return { plan: result.plan, warnings: result.warnings };
    },
    usage: () => usage,
  };
}
