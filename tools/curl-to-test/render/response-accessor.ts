import type { InferredSchema, JsonPath, PlannedExpectation } from "../plan/conversion-plan.ts";
import { jsonPathText } from "../plan/json-path-text.ts";
import { stringLiteral } from "./literal.ts";
import type { SpecFile } from "./spec-file.ts";

/**
 * `body.items[0]?.id`, wrapped in `defined(…)` when the schema allows it to be missing (an
 * array element, an optional or nullable field), so a later step never sends "undefined".
 */
export function accessor(
  file: SpecFile,
  base: string,
  path: JsonPath,
  expectation: PlannedExpectation,
): string {
  let schema: InferredSchema | null =
    expectation.body.kind === "json" ? expectation.body.schema : null;
  let code = base;
  let mayBeMissing = false;
  for (const step of path) {
    const chain = mayBeMissing ? "?." : "";
    const nullable = schema?.type === "union" && schema.anyOf.some((m) => m.type === "null");
    const member = schema?.type === "union" ? schema.anyOf.find((m) => m.type !== "null") : schema;
    const link = nullable || mayBeMissing ? "?." : chain;
    if (typeof step === "number") {
      code += `${link}[${step}]`;
      mayBeMissing = true;
      schema = member?.type === "array" ? member.items : null;
    } else {
      const property =
        member?.type === "object" ? member.properties.find((p) => p.name === step) : undefined;
      code += /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(step)
        ? `${link || "."}${step}`
        : `${link}[${stringLiteral(step)}]`;
      mayBeMissing ||= nullable || property?.optional === true;
      schema = property?.schema ?? null;
    }
  }
  const last = schema?.type === "union" && schema.anyOf.some((m) => m.type === "null");
  if (!mayBeMissing && !last) return code;
  file.usesDefined = true;
  return `defined(${code}, ${stringLiteral(jsonPathText(path))})`;
}
