import type { PlannedRule } from "../plan/conversion-plan.ts";
import { commentText, numberLiteral, stringLiteral } from "./literal.ts";

/**
 * Statements asserting a business rule over the parsed response `body`. The planner only keeps
 * rules whose paths are required numbers in the response schema, so the plain property access
 * here type-checks against the zod-parsed body.
 */
export function ruleAssertionCode(rule: PlannedRule, body: string): string[] {
  if (rule.evidence === undefined) return assertionLines(rule, body, "business rule");
  return [
    `// Invariant, ${commentText(rule.evidence)}: ${commentText(rule.description)}.`,
    ...assertionLines(rule, body, "invariant"),
  ];
}

function assertionLines(rule: PlannedRule, body: string, label: string): string[] {
  const message = stringLiteral(`${label}: ${rule.description}`);
  const check = (actual: string, expected: string): string =>
    rule.exact
      ? `expect(${actual}, ${message}).toBe(${expected});`
      : `expect(${actual}, ${message}).toBeCloseTo(${expected}, 6);`;
  switch (rule.kind) {
    case "sum":
      return [
        check(
          propertyPath(body, rule.target),
          rule.terms.map((term) => propertyPath(body, term)).join(" + "),
        ),
      ];
    case "sum-of-products":
      return [
        check(
          propertyPath(body, rule.target),
          `${propertyPath(body, rule.items)}.reduce((sum, item) => sum + ${product("item", rule.factors)}, 0)`,
        ),
      ];
    case "product-per-item":
      return [
        `for (const item of ${propertyPath(body, rule.items)}) {`,
        check(propertyPath("item", [rule.target]), product("item", rule.factors)),
        "}",
      ];
    case "at-least-per-item":
      return [
        `for (const item of ${propertyPath(body, rule.items)}) {`,
        `expect(${propertyPath("item", [rule.target])}, ${message}).toBeGreaterThanOrEqual(${propertyPath("item", [rule.floor])});`,
        "}",
      ];
    case "same-per-item":
      return [
        `for (const item of ${propertyPath(body, rule.items)}) {`,
        `expect(${propertyPath("item", [rule.field])}, ${message}).toBe(${valueCode(rule.value)});`,
        "}",
      ];
  }
}

function valueCode(value: string | number | boolean): string {
  if (typeof value === "string") return stringLiteral(value);
  return typeof value === "number" ? numberLiteral(value) : String(value);
}

function product(base: string, factors: readonly string[]): string {
  return factors.map((factor) => propertyPath(base, [factor])).join(" * ");
}

/** `body.items` or `body["unit-price"]`: keys reach the code only as identifiers or literals. */
export function propertyPath(base: string, keys: readonly string[]): string {
  return keys
    .map((key) => (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? `.${key}` : `[${stringLiteral(key)}]`))
    .reduce((code, access) => code + access, base);
}
