import type { PlannedExchange, PlannedExpectation, PlannedValue } from "../plan/conversion-plan.ts";
import { propertyKey, scalarLiteral } from "./literal.ts";
import { invariantAssertionCode } from "./invariant-code.ts";
import { ruleAssertionCode } from "./rule-code.ts";
import type { ExchangeNames, RowOverrides } from "./send-and-check.ts";

export function responseChecks(
  exchange: PlannedExchange,
  names: ExchangeNames,
  row: RowOverrides,
): string[] {
  const lines: string[] = [];
  const status =
    row.status ?? (exchange.expect.status === null ? null : String(exchange.expect.status));
  lines.push(
    status === null
      ? 'expect(response.ok(), "a 2xx status").toBe(true);'
      : `expect(response.status()).toBe(${status});`,
  );
  if (!names.responseSchema) return lines;
  const expected = row.expected ?? valuesCode(expectedValues(exchange.expect));
  const assertsValues = row.expected !== undefined || expected !== "{}";
  const rules = exchange.rules ?? [];
  const invariants = exchange.invariants ?? [];
  const needsBody =
    assertsValues || exchange.exports.length > 0 || rules.length + invariants.length > 0;
  const parse = `${names.responseSchema}.parse(await response.json())`;
  lines.push(needsBody ? `const body = ${parse};` : `${parse};`);
  if (assertsValues) lines.push(`expect(body).toMatchObject(${expected});`);
  for (const rule of rules) lines.push(...ruleAssertionCode(rule, "body"));
  for (const invariant of invariants) lines.push(...invariantAssertionCode(invariant, "body"));
  return lines;
}

export function expectedValues(expectation: PlannedExpectation): PlannedValue[] {
  return expectation.body.kind === "json" ? expectation.body.values : [];
}

/** Nested object literal of the stable values, keyed along their paths. */
export function valuesCode(values: readonly PlannedValue[]): string {
  interface Node {
    children: Map<string, Node>;
    value?: PlannedValue["value"];
    leaf: boolean;
  }
  const root: Node = { children: new Map(), leaf: false };
  for (const { path, value } of values) {
    let node = root;
    for (const key of path) {
      let child = node.children.get(key);
      if (!child) {
        child = { children: new Map(), leaf: false };
        node.children.set(key, child);
      }
      node = child;
    }
    node.leaf = true;
    node.value = value;
  }
  const code = (node: Node): string => {
    if (node.leaf) return scalarLiteral(node.value ?? null);
    const entries = [...node.children].map(([key, child]) => `${propertyKey(key)}: ${code(child)}`);
    return `{ ${entries.join(", ")} }`;
  };
  return root.children.size === 0 ? "{}" : code(root);
}
