import type { PlannedInvariant } from "../plan/conversion-plan.ts";
import { commentText, numberLiteral, stringLiteral } from "./literal.ts";
import { propertyPath } from "./rule-code.ts";

/**
 * Statements asserting an invariant over the parsed response `body`, after a comment saying
 * what it was inferred from. The planner only infers invariants over lists and fields the
 * response schema requires, so plain property access type-checks against the parsed body.
 */
export function invariantAssertionCode(invariant: PlannedInvariant, body: string): string[] {
  const message = stringLiteral(`invariant: ${invariant.description}`);
  const comment = `// Invariant, ${commentText(invariant.evidence)}: ${commentText(invariant.description)}.`;
  if (invariant.kind === "echo") {
    // As text: a path segment sends the number a response returned as a string.
    return [
      comment,
      `expect(String(${propertyPath(body, invariant.path)}), ${message}).toBe(String(${invariant.variable}));`,
    ];
  }
  const list = propertyPath(body, invariant.items);
  switch (invariant.kind) {
    case "sorted-by": {
      const values = `${list}.map((item) => ${propertyPath("item", [invariant.field])})`;
      const compare =
        invariant.order === "asc"
          ? "(a, b) => (a < b ? -1 : a > b ? 1 : 0)"
          : "(a, b) => (a < b ? 1 : a > b ? -1 : 0)";
      return [comment, `expect(${values}, ${message}).toEqual([...${values}].sort(${compare}));`];
    }
    case "count-of":
      return [
        comment,
        `expect(${list}, ${message}).toHaveLength(${propertyPath(body, invariant.count)});`,
      ];
    case "fixed-length":
      return [comment, `expect(${list}, ${message}).toHaveLength(${invariant.length});`];
    case "sequence":
      return [
        comment,
        `expect(${list}.map((item) => ${propertyPath("item", [invariant.field])}), ${message}).toEqual([${invariant.values.map(valueCode).join(", ")}]);`,
      ];
  }
}

function valueCode(value: string | number | boolean): string {
  if (typeof value === "string") return stringLiteral(value);
  return typeof value === "number" ? numberLiteral(value) : String(value);
}
