/**
 * What the model may answer: a refinement of the conversion plan, never code. The same zod
 * schema is sent as the strict JSON schema of `response_format` and checks the answer that
 * comes back, so an answer that parses here has exactly this shape (its content is checked
 * against the capture afterwards, in apply-refinement.ts).
 */
import { zodResponseFormat } from "openai/helpers/zod";
import { z } from "zod";

/** Bumped whenever the answer's shape changes; part of the cache key. */
export const refinementSchemaVersion = 1;

const objectPath = z
  .array(z.string())
  .describe('Object keys from the JSON body\'s root, e.g. ["customer", "tier"]');
const jsonPath = z
  .array(z.union([z.string(), z.number().int()]))
  .describe('Keys and array indexes from the JSON body\'s root, e.g. ["items", 0, "quantity"]');

const businessRule = z.discriminatedUnion("kind", [
  z
    .object({
      kind: z.literal("sum"),
      description: z.string(),
      target: objectPath,
      terms: z.array(objectPath),
    })
    .describe("target = the sum of the terms, e.g. total = subtotal + deliveryFee"),
  z
    .object({
      kind: z.literal("sum-of-products"),
      description: z.string(),
      target: objectPath,
      items: objectPath,
      factors: z.array(z.string()),
    })
    .describe("target = the sum over the array `items` of each item's factors multiplied"),
  z
    .object({
      kind: z.literal("product-per-item"),
      description: z.string(),
      items: objectPath,
      target: z.string(),
      factors: z.array(z.string()),
    })
    .describe("for every item of the array `items`: item[target] = its factors multiplied"),
  z
    .object({
      kind: z.literal("at-least-per-item"),
      description: z.string(),
      items: objectPath,
      target: z.string(),
      floor: z.string(),
    })
    .describe("for every item of the array `items`: item[target] >= item[floor]"),
  z
    .object({
      kind: z.literal("same-per-item"),
      description: z.string(),
      items: objectPath,
      field: z.string(),
    })
    .describe("every item of the array `items` has the value the captured items share in `field`"),
]);

const negativeCase = z.discriminatedUnion("kind", [
  z
    .object({ kind: z.literal("no-auth"), title: z.string(), expectedStatus: z.number().int() })
    .describe("the same request without its credentials"),
  z
    .object({
      kind: z.literal("invalid-field"),
      title: z.string(),
      field: jsonPath,
      invalidValueJson: z.string().describe('the invalid value as JSON text, e.g. -1 or ""'),
      expectedStatus: z.number().int(),
    })
    .describe("the same request with one field of its JSON body set to an invalid value"),
  z
    .object({
      kind: z.literal("unknown-id"),
      title: z.string(),
      pathSegment: z.string().describe("the URL path segment to replace, exactly as shown"),
      unknownValue: z.string(),
      expectedStatus: z.number().int(),
    })
    .describe("the same request naming a resource that does not exist"),
]);

const planRefinementSchema = z.object({
  specs: z.array(z.object({ specId: z.string(), title: z.string() })),
  exchanges: z.array(
    z.object({
      exchangeId: z.string(),
      title: z.string().describe("the test's name in business language"),
      description: z.string().describe("one sentence: what the request does and why it matters"),
      dynamicFields: z
        .array(z.object({ path: objectPath, reason: z.string() }))
        .describe("asserted by value now, but change between runs: assert by type only"),
      stableFields: z
        .array(z.object({ path: objectPath, reason: z.string() }))
        .describe("asserted by type only now, but stable: assert the captured value"),
      businessRules: z.array(businessRule),
      negativeCases: z.array(negativeCase),
    }),
  ),
  flows: z
    .array(z.object({ title: z.string(), exchangeIds: z.array(z.string()) }))
    .describe(
      "a title for the steps of an existing flow, or single tests to run as one flow, in capture order",
    ),
  correlations: z
    .array(
      z.object({
        fromExchangeId: z.string(),
        responsePath: jsonPath,
        toExchangeId: z.string(),
      }),
    )
    .describe("a value of one step's response that a later step of the same flow sends"),
});

export type PlanRefinement = z.infer<typeof planRefinementSchema>;
export type RefinedExchange = PlanRefinement["exchanges"][number];
export type ProposedRule = RefinedExchange["businessRules"][number];
export type ProposedNegativeCase = RefinedExchange["negativeCases"][number];

/** The `response_format` of every chat completion request: a strict JSON schema. */
export const planRefinementResponseFormat = zodResponseFormat(
  planRefinementSchema,
  "qaops_plan_refinement",
);

/** The answer's text as a refinement, or why it is not one (for a `warning:` line). */
export function parsePlanRefinement(
  content: string,
): { ok: true; refinement: PlanRefinement } | { ok: false; reason: string } {
  let json: unknown;
  try {
    json = JSON.parse(content);
  } catch {
    return { ok: false, reason: "the answer is not JSON" };
  }
  const parsed = planRefinementSchema.safeParse(json);
  if (parsed.success) return { ok: true, refinement: parsed.data };
  const issue = parsed.error.issues[0]!;
  return {
    ok: false,
    reason: `the answer does not match the plan refinement schema at ${issue.path.join(".") || "(root)"}: ${issue.message}`,
  };
}
