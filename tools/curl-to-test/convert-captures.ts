/**
 * The converter's programmatic entry: capture text → intake → (responses recorded) → plan →
 * formatted specs. It reads and writes no files of its own (`writeConversion` does that), so
 * the CLI, golden tests and fidelity checks all run the same pipeline.
 */
import { readCaptures } from "./intake/read-captures.ts";
import type { CaptureInput } from "./intake/read-captures.ts";
import type { CaptureFailure, CapturedRequest } from "./model/captured-request.ts";
import type { ConversionPlan } from "./plan/conversion-plan.ts";
import { capturedNames } from "./plan/captured-names.ts";
import { isClientSetHeader, isNoiseHeader } from "./plan/noise-headers.ts";
import { planConversion } from "./plan/plan-conversion.ts";
import type { Redaction } from "./plan/plan-conversion.ts";
import type { ConversionWarning } from "./model/conversion-warning.ts";
import { detectCapturedSecrets, secretSlotLocator } from "./plan/secret-slots.ts";
import { withResponseSecretsMasked } from "./plan/response-secret-mask.ts";
import { withWebOriginFromEnv } from "./plan/web-origin.ts";
import { renderConversion } from "./render/render-conversion.ts";
import type { GeneratedSpec } from "./render/render-conversion.ts";
import { stringLiteral } from "./render/literal.ts";

export type { CaptureInput } from "./intake/read-captures.ts";
export type { GeneratedSpec } from "./render/render-conversion.ts";
export type { Redaction } from "./plan/plan-conversion.ts";
export type { ConversionWarning, WarningCode } from "./model/conversion-warning.ts";

export interface ConvertCapturesOptions {
  inputs: CaptureInput[];
  /** Names the tests' folder and prefixes env vars: `order` → `ORDER_AUTHORIZATION_TOKEN`. */
  service: string;
  /** `all`: keep browser-only headers too; only what the test's client sets is left out. */
  keepHeaders?: "all";
  /** Where files named by `-d @file` or `-F f=@file` are looked up; default: cwd. */
  filesDirectory?: string;
  /**
   * Fills in responses before planning (`--record URL` replays each request against a
   * target). Returns the requests, in the same order, with `response` set where one came back.
   */
  recordResponses?: (requests: CapturedRequest[]) => Promise<CapturedRequest[]>;
  onProgress?: (progress: ConversionProgress) => void;
  /**
   * Refines the plan before it is rendered (`--llm`). Gets the captured requests, and the
   * captured secret values only to keep them out of what it sends; returns the plan to render
   * (the same plan when it has nothing usable) and its warnings.
   */
  refinePlan?: (input: PlanRefinementInput) => Promise<PlanRefinementOutput>;
}

export interface PlanRefinementInput {
  plan: ConversionPlan;
  requests: readonly CapturedRequest[];
  capturedSecrets: ReadonlyMap<string, string>;
}

export interface PlanRefinementOutput {
  plan: ConversionPlan;
  warnings: ConversionWarning[];
}

export interface ConversionProgress {
  stage: "read" | "record" | "plan" | "render";
  done: number;
  total: number;
}

export interface ConversionResult {
  specs: GeneratedSpec[];
  /** Every decision behind the specs; re-renders to the same specs. */
  plan: ConversionPlan;
  /** Requests read from the inputs. */
  requestCount: number;
  /** One per `warning:` line; each also stands as a TODO in a spec. */
  warnings: ConversionWarning[];
  /** Inputs (or requests, or specs) that could not be converted; the rest were. */
  failures: CaptureFailure[];
  /** What intake skipped on purpose (static assets, preflights), in words. */
  skipped: string[];
  /** Secrets replaced by env vars, by name. */
  redactions: Redaction[];
  /**
   * Each env var's captured value, so a check can run the specs with the capture's own
   * credentials. In memory only: never write, log or print it.
   */
  capturedSecrets: ReadonlyMap<string, string>;
}

/** Secrets shorter than this are too likely to occur by chance to search the output for. */
const minLeakCheckLength = 4;
/** `$TOKEN` kept from a pasted command names a variable; it is no secret value. */
const shellReference = /^\$\{?[A-Za-z_][A-Za-z0-9_]*\}?$/;

export async function convertCaptures(options: ConvertCapturesOptions): Promise<ConversionResult> {
  const progress = options.onProgress ?? (() => {});
  const intake = readCaptures(options.inputs, {
    ...(options.filesDirectory ? { filesDirectory: options.filesDirectory } : {}),
  });
  progress({ stage: "read", done: options.inputs.length, total: options.inputs.length });

  let requests = intake.requests;
  if (options.recordResponses && requests.length > 0) {
    requests = await options.recordResponses(requests);
    progress({ stage: "record", done: requests.length, total: requests.length });
  }

  const detected = await detectCapturedSecrets(requests);
  const planned = planConversion({
    requests,
    service: options.service,
    isNoiseHeader: options.keepHeaders === "all" ? isClientSetHeader : isNoiseHeader,
    locateSecrets: secretSlotLocator(detected),
  });
  progress({ stage: "plan", done: requests.length, total: requests.length });

  let plan = withWebOriginFromEnv(planned.plan);
  const warnings = [...planned.warnings];
  if (options.refinePlan && plan.specs.length > 0) {
    const refined = await options.refinePlan({
      plan,
      requests: withResponseSecretsMasked(requests, detected),
      capturedSecrets: planned.capturedSecrets,
    });
    plan = refined.plan;
    warnings.push(...refined.warnings);
  }

  const rendered = await renderConversion(plan, (done, total) =>
    progress({ stage: "render", done, total }),
  );
  const failures: CaptureFailure[] = [...intake.failures, ...planned.failures];
  const names = capturedNames(requests);
  const specs = rendered.filter((spec) => {
    const leaked = leakedSecret(spec.text, planned.capturedSecrets, names);
    if (leaked === null) return true;
    failures.push({
      source: specSource(plan, spec.fileName),
      message: `the spec ${spec.fileName} would hold the value of ${leaked}; not written`,
    });
    return false;
  });
  return {
    specs,
    plan,
    requestCount: requests.length,
    warnings,
    failures,
    skipped: intake.skipped,
    redactions: planned.redactions,
    capturedSecrets: planned.capturedSecrets,
  };
}

/**
 * The last guard: the name of an env var whose captured value occurs in the text, raw or as
 * the string literal the renderer would write; null when none does. A value is found as a
 * whole: `TOKEN` inside the env var name `SHOP_AUTHORIZATION_TOKEN` is not that value. One
 * that is also among the capture's `names` (a password equal to its key) is looked for only
 * as a string literal that is not an object key.
 */
export function leakedSecret(
  text: string,
  secrets: ReadonlyMap<string, string>,
  names: ReadonlySet<string> = new Set(),
): string | null {
  for (const [name, value] of secrets) {
    if (value.length < minLeakCheckLength || shellReference.test(value)) continue;
    const pattern = names.has(value)
      ? `${escaped(stringLiteral(value))}(?!\\s*:)`
      : [value, stringLiteral(value).slice(1, -1)].map(wholeValue).join("|");
    if (new RegExp(pattern).test(text)) return name;
  }
  return null;
}

function escaped(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** The value, not as part of a longer run of word characters. */
function wholeValue(value: string): string {
  const before = /^\w/.test(value) ? "(?<!\\w)" : "";
  const after = /\w$/.test(value) ? "(?!\\w)" : "";
  return `${before}${escaped(value)}${after}`;
}

/** Where the requests of a spec were captured: a refusal points there, not at the output. */
function specSource(plan: ConversionPlan, fileName: string): CaptureFailure["source"] {
  const spec = plan.specs.find((each) => each.fileName === fileName);
  const test = spec?.tests[0];
  const exchange =
    test?.kind === "single"
      ? test.exchange
      : test?.kind === "flow"
        ? test.steps[0]
        : test?.cases[0];
  return exchange?.sources[0] ?? { file: fileName, line: 1, column: 1 };
}
