/**
 * Checks a business rule the model proposed against the capture: every path must lead to a
 * number the response schema requires (so the rendered assertion type-checks), and the rule
 * must hold on every observed response. What passes becomes a `PlannedRule`.
 */
import type { InferredSchema, PlannedRule } from "../plan/conversion-plan.ts";
import { jsonPathText } from "../plan/json-path-text.ts";
import type { ProposedRule } from "./refinement-schema.ts";

/** Relative tolerance for rules over non-integer numbers (money in decimals). */
const tolerance = 1e-6;

export function checkBusinessRule(
  proposed: ProposedRule,
  schema: InferredSchema,
  samples: readonly unknown[],
): { rule: PlannedRule } | { rejected: string } {
  if (samples.length === 0) return { rejected: "no JSON response was captured to check it on" };
  const fields = numericFields(schema);
  const typed = typedRule(proposed, fields, schema, samples);
  if ("rejected" in typed) return typed;
  const { rule } = typed;
  // Comparisons and equalities are exact; arithmetic over decimals is compared to a tolerance.
  rule.exact = fields.integers.every(Boolean) || rule.kind === "at-least-per-item";
  const failure = failureOnSamples(rule, samples);
  return failure ? { rejected: failure } : { rule };
}

type Checked = { rule: PlannedRule } | { rejected: string };
type Proposed<K extends ProposedRule["kind"]> = Extract<ProposedRule, { kind: K }>;

/**
 * Checks that paths lead to numbers the schema requires, and notes whether each is an integer
 * (so the caller can tell exact arithmetic from arithmetic over decimals).
 */
interface NumericFields {
  integers: boolean[];
  /** Why the path is not a required number; null when it is. */
  number: (path: readonly string[]) => string | null;
  /** Why `keys` are not required numbers on the items of the array at `items`; null when they are. */
  itemNumbers: (items: readonly string[], keys: readonly string[]) => string | null;
}

function numericFields(schema: InferredSchema): NumericFields {
  const integers: boolean[] = [];
  const number = (path: readonly string[]): string | null => {
    const found = requiredAt(schema, path);
    if (typeof found === "string") return found;
    if (found.type !== "number") return `${jsonPathText(path)} is not a number`;
    integers.push(found.integer);
    return null;
  };
  const itemNumbers = (items: readonly string[], keys: readonly string[]): string | null => {
    const array = requiredAt(schema, items);
    if (typeof array === "string") return array;
    if (array.type !== "array" || array.items?.type !== "object") {
      return `${jsonPathText(items)} is not an array of objects`;
    }
    for (const key of keys) {
      const found = requiredAt(array.items, [key]);
      if (typeof found === "string") return `items of ${jsonPathText(items)}: ${found}`;
      if (found.type !== "number") return `${jsonPathText([...items, key])} is not a number`;
      integers.push(found.integer);
    }
    return null;
  };
  return { integers, number, itemNumbers };
}

/** The proposal as a `PlannedRule` when its fields have the types its kind needs. */
function typedRule(
  proposed: ProposedRule,
  fields: NumericFields,
  schema: InferredSchema,
  samples: readonly unknown[],
): Checked {
  const description = cleanDescription(proposed.description);
  switch (proposed.kind) {
    case "sum":
      return sumRule(proposed, fields, description);
    case "sum-of-products":
      return sumOfProductsRule(proposed, fields, description);
    case "product-per-item":
      return productPerItemRule(proposed, fields, description);
    case "at-least-per-item":
      return atLeastPerItemRule(proposed, fields, description);
    case "same-per-item": {
      const shared = sharedItemValue(schema, samples, proposed.items, proposed.field);
      if (typeof shared === "string") return { rejected: shared };
      const { items, field } = proposed;
      return {
        rule: {
          kind: "same-per-item",
          items,
          field,
          value: shared.value,
          description,
          exact: true,
        },
      };
    }
  }
}

function sumRule(proposed: Proposed<"sum">, fields: NumericFields, description: string): Checked {
  if (proposed.terms.length === 0) return { rejected: "a sum needs at least one term" };
  if (proposed.terms.some((term) => samePath(term, proposed.target))) {
    return { rejected: "the target is one of its own terms" };
  }
  const problem = [proposed.target, ...proposed.terms].map(fields.number).find((p) => p !== null);
  if (problem) return { rejected: problem };
  const { target, terms } = proposed;
  return { rule: { kind: "sum", target, terms, description, exact: true } };
}

function sumOfProductsRule(
  proposed: Proposed<"sum-of-products">,
  fields: NumericFields,
  description: string,
): Checked {
  if (proposed.factors.length === 0) return { rejected: "a product needs at least one factor" };
  const problem =
    fields.number(proposed.target) ?? fields.itemNumbers(proposed.items, proposed.factors);
  if (problem) return { rejected: problem };
  const { target, items, factors } = proposed;
  return { rule: { kind: "sum-of-products", target, items, factors, description, exact: true } };
}

function productPerItemRule(
  proposed: Proposed<"product-per-item">,
  fields: NumericFields,
  description: string,
): Checked {
  if (proposed.factors.length === 0) return { rejected: "a product needs at least one factor" };
  if (proposed.factors.includes(proposed.target)) {
    return { rejected: "the target is one of its own factors" };
  }
  const problem = fields.itemNumbers(proposed.items, [proposed.target, ...proposed.factors]);
  if (problem) return { rejected: problem };
  const { items, target, factors } = proposed;
  return { rule: { kind: "product-per-item", items, target, factors, description, exact: true } };
}

function atLeastPerItemRule(
  proposed: Proposed<"at-least-per-item">,
  fields: NumericFields,
  description: string,
): Checked {
  if (proposed.target === proposed.floor) return { rejected: "the field is its own floor" };
  const problem = fields.itemNumbers(proposed.items, [proposed.target, proposed.floor]);
  if (problem) return { rejected: problem };
  const { items, target, floor } = proposed;
  return { rule: { kind: "at-least-per-item", items, target, floor, description, exact: true } };
}

/** Why the rule fails on the first captured response it does not hold on; null when it holds. */
function failureOnSamples(rule: PlannedRule, samples: readonly unknown[]): string | null {
  for (const [index, sample] of samples.entries()) {
    const failure = ruleFailure(rule, sample);
    if (failure) return `it does not hold on captured response ${index + 1}: ${failure}`;
  }
  return null;
}

/** Why the rule does not hold on this body; null when it does. */
function ruleFailure(rule: PlannedRule, body: unknown): string | null {
  const compare = (actual: number, expected: number, what: string): string | null =>
    close(actual, expected, rule.exact) ? null : `${what} is ${actual}, expected ${expected}`;
  switch (rule.kind) {
    case "sum": {
      const target = numberAt(body, rule.target);
      const terms = rule.terms.map((term) => numberAt(body, term));
      if (target === null || terms.some((term) => term === null)) return "a value is missing";
      return compare(target, sum(terms as number[]), jsonPathText(rule.target));
    }
    case "sum-of-products": {
      const target = numberAt(body, rule.target);
      const items = valueAt(body, rule.items);
      if (target === null || !Array.isArray(items)) return "a value is missing";
      const products = items.map((item) => product(item, rule.factors));
      if (products.some((value) => value === null)) return "an item lacks a factor";
      return compare(target, sum(products as number[]), jsonPathText(rule.target));
    }
    case "product-per-item": {
      const items = valueAt(body, rule.items);
      if (!Array.isArray(items)) return "a value is missing";
      for (const [index, item] of items.entries()) {
        const target = numberAt(item, [rule.target]);
        const expected = product(item, rule.factors);
        if (target === null || expected === null) return `item ${index} lacks a value`;
        const problem = compare(
          target,
          expected,
          `${jsonPathText(rule.items)}[${index}].${rule.target}`,
        );
        if (problem) return problem;
      }
      return null;
    }
    case "at-least-per-item": {
      const items = valueAt(body, rule.items);
      if (!Array.isArray(items)) return "a value is missing";
      for (const [index, item] of items.entries()) {
        const target = numberAt(item, [rule.target]);
        const floor = numberAt(item, [rule.floor]);
        if (target === null || floor === null) return `item ${index} lacks a value`;
        if (target < floor)
          return `item ${index}: ${rule.target} ${target} < ${rule.floor} ${floor}`;
      }
      return null;
    }
    case "same-per-item": {
      const items = valueAt(body, rule.items);
      if (!Array.isArray(items)) return "a value is missing";
      const index = items.findIndex((item) => valueAt(item, [rule.field]) !== rule.value);
      return index === -1
        ? null
        : `item ${index}: ${rule.field} is not ${JSON.stringify(rule.value)}`;
    }
  }
}

/** Field names whose values must never become an assertion's literal. */
const secretLike = /token|secret|password|passwd|session|key|jwt|signature/i;

/**
 * The one value every captured item has in `field` (its type required by the schema), or why
 * there is none. The value asserted is the capture's: the model names only the field.
 */
function sharedItemValue(
  schema: InferredSchema,
  samples: readonly unknown[],
  items: readonly string[],
  field: string,
): { value: string | number | boolean } | string {
  if (secretLike.test(field)) return `${field} may hold a secret`;
  const array = requiredAt(schema, items);
  if (typeof array === "string") return array;
  if (array.type !== "array" || array.items?.type !== "object") {
    return `${jsonPathText(items)} is not an array of objects`;
  }
  const fieldSchema = requiredAt(array.items, [field]);
  if (typeof fieldSchema === "string") return `items of ${jsonPathText(items)}: ${fieldSchema}`;
  if (!["string", "number", "boolean"].includes(fieldSchema.type)) {
    return `${jsonPathText([...items, field])} is not a string, number or boolean`;
  }
  const observed = samples.flatMap((sample) => {
    const list = valueAt(sample, items);
    return Array.isArray(list) ? list.map((item) => valueAt(item, [field])) : [];
  });
  const first = observed[0];
  if (first === undefined) return `no captured item has ${field}`;
  if (observed.some((value) => value !== first)) {
    return `captured items differ in ${field}`;
  }
  return { value: first as string | number | boolean };
}

/** The schema at an object path, when every step is a required, non-null object property. */
function requiredAt(schema: InferredSchema, path: readonly string[]): InferredSchema | string {
  let node = schema;
  for (const [index, key] of path.entries()) {
    if (node.type !== "object")
      return `${jsonPathText(path.slice(0, index)) || "the body"} is not an object`;
    const property = node.properties.find((candidate) => candidate.name === key);
    if (!property) return `the capture has no field ${jsonPathText(path.slice(0, index + 1))}`;
    if (property.optional)
      return `${jsonPathText(path.slice(0, index + 1))} is missing from some responses`;
    node = property.schema;
  }
  if (node.type === "union") return `${jsonPathText(path)} is nullable or of mixed types`;
  return node;
}

function valueAt(body: unknown, path: readonly string[]): unknown {
  let current = body;
  for (const key of path) {
    if (typeof current !== "object" || current === null || Array.isArray(current)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

function numberAt(body: unknown, path: readonly string[]): number | null {
  const value = valueAt(body, path);
  return typeof value === "number" ? value : null;
}

function product(item: unknown, factors: readonly string[]): number | null {
  let result = 1;
  for (const factor of factors) {
    const value = numberAt(item, [factor]);
    if (value === null) return null;
    result *= value;
  }
  return result;
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

function close(actual: number, expected: number, exact: boolean): boolean {
  if (exact) return actual === expected;
  return Math.abs(actual - expected) <= tolerance * Math.max(1, Math.abs(expected));
}

function samePath(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((key, index) => key === b[index]);
}

function cleanDescription(text: string): string {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length > 120 ? `${line.slice(0, 119)}…` : line || "business rule";
}
