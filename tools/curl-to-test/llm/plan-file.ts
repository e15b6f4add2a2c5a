/**
 * The plan saved beside the specs (`<out>/.qaops-plan.json`) by `qaops convert --llm`: what the
 * specs were rendered from, reviewable in a diff, editable, and rendered again without any
 * model by `qaops convert <out>/.qaops-plan.json --service <name> --from-plan`. A plan read back
 * is checked against the plan's shape first; only a valid plan reaches the renderer.
 */
import { fileURLToPath } from "node:url";
import * as prettier from "prettier";
import { z } from "zod";
import type { WarningCode } from "../model/conversion-warning.ts";
import { WARNING_CODES } from "../model/conversion-warning.ts";
import type { ConversionPlan, InferredSchema, JsonTemplate } from "../plan/conversion-plan.ts";
import { conversionPlanVersion } from "../plan/conversion-plan.ts";

export const planFileName = ".qaops-plan.json";

/** A plan file that cannot be rendered: names the file and where in it. */
export class PlanFileError extends Error {
  override name = "PlanFileError";
}

const source = z.object({ file: z.string(), line: z.number().int(), column: z.number().int() });
const encoding = z.enum(["none", "uri-component", "json-string"]);
const templatePart = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("literal"), text: z.string() }),
  z.object({
    kind: z.literal("env"),
    name: z.string().regex(/^[A-Z][A-Z0-9_]*$/),
    encoding,
    fallback: z.string().optional(),
  }),
  z.object({
    kind: z.literal("variable"),
    name: z.string().regex(/^[A-Za-z_$][A-Za-z0-9_$]*$/),
    encoding,
  }),
]);
const valueTemplate = z.array(templatePart);
const scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);
const jsonPath = z.array(z.union([z.string(), z.number().int()]));

const jsonTemplate: z.ZodType<JsonTemplate> = z.lazy(() =>
  z.discriminatedUnion("kind", [
    z.object({ kind: z.literal("literal"), value: scalar }),
    z.object({
      kind: z.literal("object"),
      entries: z.array(z.object({ key: z.string(), value: jsonTemplate })),
    }),
    z.object({ kind: z.literal("array"), items: z.array(jsonTemplate) }),
    z.object({ kind: z.literal("env"), name: z.string().regex(/^[A-Z][A-Z0-9_]*$/) }),
    z.object({
      kind: z.literal("variable"),
      name: z.string().regex(/^[A-Za-z_$][A-Za-z0-9_$]*$/),
      asString: z.boolean(),
    }),
  ]),
);

const inferredSchema: z.ZodType<InferredSchema> = z.lazy(() =>
  z.discriminatedUnion("type", [
    z.object({
      type: z.literal("string"),
      format: z.enum(["uuid", "date-time", "date", "email"]).optional(),
      enum: z.array(z.string()).optional(),
    }),
    z.object({ type: z.literal("number"), integer: z.boolean() }),
    z.object({ type: z.literal("boolean") }),
    z.object({ type: z.literal("null") }),
    z.object({ type: z.literal("unknown") }),
    z.object({ type: z.literal("array"), items: inferredSchema.nullable() }),
    z.object({
      type: z.literal("object"),
      properties: z.array(
        z.object({ name: z.string(), optional: z.boolean(), schema: inferredSchema }),
      ),
    }),
    z.object({ type: z.literal("union"), anyOf: z.array(inferredSchema) }),
  ]),
);

const body = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("none") }),
  z.object({ kind: z.literal("json"), schema: inferredSchema, value: jsonTemplate }),
  z.object({ kind: z.literal("text"), text: valueTemplate }),
  z.object({ kind: z.literal("binary"), base64: z.string() }),
  z.object({
    kind: z.literal("multipart"),
    contentType: z.string().optional(),
    parts: z.array(
      z.discriminatedUnion("kind", [
        z.object({
          kind: z.literal("field"),
          name: z.string(),
          value: valueTemplate,
          contentType: z.string().optional(),
        }),
        z.object({ kind: z.literal("field-from-file"), name: z.string(), path: z.string() }),
        z.object({
          kind: z.literal("file"),
          name: z.string(),
          filename: z.string(),
          contentType: z.string().optional(),
          content: z.discriminatedUnion("kind", [
            z.object({ kind: z.literal("text"), text: z.string() }),
            z.object({ kind: z.literal("path"), path: z.string() }),
          ]),
        }),
      ]),
    ),
  }),
  z.object({
    kind: z.literal("file"),
    path: z.string(),
    transform: z.enum(["none", "strip-newlines", "urlencode"]),
    urlencodeName: z.string().optional(),
  }),
]);

const keys = z.array(z.string());
const ruleBase = {
  description: z.string(),
  exact: z.boolean(),
  evidence: z.string().optional(),
};
const scalarValue = z.union([z.string(), z.number(), z.boolean()]);
const invariant = z
  .discriminatedUnion("kind", [
    z.object({
      kind: z.literal("sorted-by"),
      items: keys,
      field: z.string(),
      order: z.enum(["asc", "desc"]),
    }),
    z.object({ kind: z.literal("count-of"), items: keys, count: keys }),
    z.object({ kind: z.literal("fixed-length"), items: keys, length: z.number().int().min(0) }),
    z.object({
      kind: z.literal("echo"),
      path: keys,
      variable: z.string().regex(/^[A-Za-z_$][A-Za-z0-9_$]*$/),
    }),
    z.object({
      kind: z.literal("sequence"),
      items: keys,
      field: z.string(),
      values: z.array(scalarValue),
    }),
  ])
  .and(z.object({ description: z.string(), evidence: z.string() }));
const rule = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("sum"), target: keys, terms: z.array(keys), ...ruleBase }),
  z.object({
    kind: z.literal("sum-of-products"),
    target: keys,
    items: keys,
    factors: keys,
    ...ruleBase,
  }),
  z.object({
    kind: z.literal("product-per-item"),
    items: keys,
    target: z.string(),
    factors: keys,
    ...ruleBase,
  }),
  z.object({
    kind: z.literal("at-least-per-item"),
    items: keys,
    target: z.string(),
    floor: z.string(),
    ...ruleBase,
  }),
  z.object({
    kind: z.literal("same-per-item"),
    items: keys,
    field: z.string(),
    value: z.union([z.string(), z.number(), z.boolean()]),
    ...ruleBase,
  }),
]);

const exchange = z.object({
  title: z.string(),
  nameWords: z.array(z.string()),
  sources: z.array(source),
  request: z.object({
    // An RFC 9110 token, case kept: curl sends `-X wHat` as written, and so does the test.
    method: z.string().regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/),
    url: valueTemplate,
    queryFiles: z
      .array(
        z.object({
          name: z.string().optional(),
          path: z.string(),
          transform: z.enum(["urlencode", "strip-newlines", "none"]),
        }),
      )
      .optional(),
    headers: z.array(z.object({ name: z.string(), value: valueTemplate })),
    body,
    followRedirects: z.boolean(),
  }),
  expect: z.object({
    status: z.number().int().min(100).max(599).nullable(),
    body: z.discriminatedUnion("kind", [
      z.object({ kind: z.literal("unchecked") }),
      z.object({
        kind: z.literal("json"),
        schema: inferredSchema,
        values: z.array(z.object({ path: keys, value: scalar })),
        dynamic: z.array(z.object({ path: jsonPath, reason: z.string() })),
      }),
    ]),
  }),
  exports: z.array(
    z.object({ variable: z.string().regex(/^[A-Za-z_$][A-Za-z0-9_$]*$/), path: jsonPath }),
  ),
  todos: z.array(
    z.object({ code: z.enum(Object.keys(WARNING_CODES) as [WarningCode]), message: z.string() }),
  ),
  freshValues: z.array(z.string().regex(/^[A-Za-z_$][A-Za-z0-9_$]*$/)).optional(),
  description: z.string().optional(),
  rules: z.array(rule).optional(),
  invariants: z.array(invariant).optional(),
});

const planSchema = z.object({
  version: z.literal(conversionPlanVersion),
  service: z.string().min(1),
  envVars: z.array(
    z.object({ name: z.string().regex(/^[A-Z][A-Z0-9_]*$/), description: z.string() }),
  ),
  specs: z.array(
    z.object({
      fileName: z
        .string()
        .regex(
          /^[A-Za-z0-9][A-Za-z0-9._-]*\.spec\.ts$/,
          "a file name ending in .spec.ts, no folders",
        ),
      title: z.string(),
      kind: z.enum(["endpoint", "flow"]),
      tests: z.array(
        z.discriminatedUnion("kind", [
          z.object({ kind: z.literal("single"), title: z.string(), exchange }),
          z.object({
            kind: z.literal("table"),
            nameWords: z.array(z.string()),
            responseSchema: inferredSchema.nullable(),
            requestBodySchema: inferredSchema.nullable(),
            cases: z.array(exchange).min(1),
          }),
          z.object({ kind: z.literal("flow"), title: z.string(), steps: z.array(exchange).min(1) }),
        ]),
      ),
    }),
  ),
  refinedBy: z.object({ model: z.string() }).optional(),
}) satisfies z.ZodType<ConversionPlan>;

/** The project's Prettier options, found the way `prettier --check` finds them. */
const projectOptions = prettier.resolveConfig(fileURLToPath(import.meta.url));

/** The plan as saved: keys in the order built, formatted as the project's `prettier --check` expects. */
export async function planFileText(plan: ConversionPlan): Promise<string> {
  const options = (await projectOptions) ?? {};
  return prettier.format(JSON.stringify(plan), {
    ...options,
    parser: "json",
    filepath: planFileName,
  });
}

/** A plan read back from its file's text; errors say where in it (the caller names the file). */
export function parsePlanFile(text: string): ConversionPlan {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new PlanFileError(`not JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  const version = (json as { version?: unknown } | null)?.version;
  if (typeof json === "object" && json !== null && version !== conversionPlanVersion) {
    throw new PlanFileError(
      `plan version ${JSON.stringify(version)} is not ${conversionPlanVersion}, the version this qaops renders; convert the capture again`,
    );
  }
  const parsed = planSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new PlanFileError(`at ${issue.path.join(".") || "(root)"}: ${issue.message}`);
  }
  return parsed.data;
}
