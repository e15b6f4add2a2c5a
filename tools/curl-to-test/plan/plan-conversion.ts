import type { CapturedRequest, SourceLocation } from "../model/captured-request.ts";
import { placeWarnings, type ConversionWarning } from "../model/conversion-warning.ts";
import type { ConversionPlan, JsonPath } from "./conversion-plan.ts";
import { conversionPlanVersion } from "./conversion-plan.ts";
import { EnvVarNames } from "./env-var-names.ts";
import { ExchangePlanner } from "./plan-exchange.ts";
import { planSpecs } from "./plan-specs.ts";
import { prepareExchanges } from "./prepare-exchanges.ts";
import { prepareRequests } from "./prepare-requests.ts";
import { linkRequests } from "./request-links.ts";
import type { RequestSlot } from "./request-slots.ts";

/** A slot of a request that holds a secret, and the env var that stands for it. */
export interface SecretSlot {
  slotIndex: number;
  /** Upper snake case without the service prefix, e.g. `AUTHORIZATION_TOKEN`. */
  envName: string;
  /** What the secret is, in words, e.g. `Authorization header credential`. */
  description: string;
}

/**
 * Where a request's secrets are: the slots holding them, findings no slot holds (the request
 * is then refused, never rendered), and paths of its response body that hold secrets (never
 * asserted by value).
 */
export type SecretLocator = (
  request: CapturedRequest,
  slots: readonly RequestSlot[],
) => {
  slots: SecretSlot[];
  unplaced: string[];
  responsePaths: JsonPath[];
  /** The request's slots with any the locator split out for secrets; absent: unchanged. */
  requestSlots?: RequestSlot[];
};

export interface PlanConversionInput {
  requests: readonly CapturedRequest[];
  service: string;
  isNoiseHeader: (name: string, value: string) => boolean;
  locateSecrets: SecretLocator;
}

/** A secret replaced by an env var: which variable, what it stood for, where. */
export interface Redaction {
  envVar: string;
  description: string;
  sources: SourceLocation[];
}

/** A request the planner refused, e.g. because a secret in it could not be replaced. */
export interface PlanFailure {
  source: SourceLocation;
  message: string;
}

export interface PlannedConversion {
  plan: ConversionPlan;
  warnings: ConversionWarning[];
  redactions: Redaction[];
  failures: PlanFailure[];
  /**
   * Each env var's captured value, so a check can replay the tests with the credentials of the
   * capture. In memory only: never written, logged or printed.
   */
  capturedSecrets: ReadonlyMap<string, string>;
}

/**
 * Decides everything the tests will send and assert: secrets become env vars, values that one
 * response returns and a later request reuses become flow variables (those requests form one
 * flow test), the rest group by endpoint, identical requests collapse, and one endpoint's
 * different requests become one table test.
 */
export function planConversion(input: PlanConversionInput): PlannedConversion {
  const { prepared, failures } = prepareRequests(input);
  const links = linkRequests(prepared);
  const env = new EnvVarNames(input.service);
  const exchanges = prepareExchanges(prepared, links, env, input.isNoiseHeader);
  const warnings = exchanges.flatMap((item) => placeWarnings(item.todos, item.request.source));
  const planner = new ExchangePlanner(new Set(links.nonces.map((nonce) => nonce.value)), warnings);
  const specs = planSpecs(exchanges, links.components, (group) => planner.plan(group));
  if (planner.unanswered > 0) {
    warnings.push({
      code: "no-response",
      message: `${planner.unanswered} request(s) had no captured response: their tests assert a 2xx status only (\`--record URL\` captures responses)`,
    });
  }
  const plan: ConversionPlan = {
    version: conversionPlanVersion,
    service: input.service,
    envVars: env.planned(),
    specs,
  };
  return {
    plan,
    warnings,
    redactions: env.redactions(),
    failures,
    capturedSecrets: env.capturedValues(),
  };
}
