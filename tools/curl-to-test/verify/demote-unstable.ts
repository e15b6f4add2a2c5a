/**
 * What `--verify` does with a test that failed on some run but not on all: it finds the step
 * and the assertion that failed (from the error and the spec line it points at) and asserts
 * less there, never more: a value that changed is asserted by type, an invariant that broke is
 * dropped, a field that changed its type loses its type check, and a 2xx status that changed
 * becomes "a 2xx status". Each change is a TODO naming the field, so nothing fails at random.
 */
import type {
  ConversionPlan,
  InferredSchema,
  JsonPath,
  PlannedExchange,
} from "../plan/conversion-plan.ts";
import { jsonPathText } from "../plan/json-path-text.ts";
import type { TestError } from "./playwright-run.ts";
import type { WarningNote } from "../model/conversion-warning.ts";

export interface UnstableTest {
  file: string;
  title: string;
  errors: TestError[];
}

/** Changes the plan in place; returns one warning per change. */
export function demoteUnstable(
  plan: ConversionPlan,
  specTexts: ReadonlyMap<string, string>,
  unstable: readonly UnstableTest[],
): WarningNote[] {
  const changes: WarningNote[] = [];
  for (const test of unstable) {
    const lines = (specTexts.get(test.file) ?? "").split("\n");
    for (const error of test.errors) {
      const exchange = failingExchange(plan, test, error, lines);
      if (!exchange) continue;
      const change = demote(exchange, error, lines);
      if (change && !exchange.todos.some((todo) => todo.message === change.message)) {
        exchange.todos.push(change);
        changes.push(change);
      }
    }
  }
  return changes;
}

/** The exchange of the test whose step holds the failing line (the test's own, when single). */
function failingExchange(
  plan: ConversionPlan,
  test: UnstableTest,
  error: TestError,
  lines: readonly string[],
): PlannedExchange | undefined {
  const spec = plan.specs.find((candidate) => candidate.fileName === test.file);
  for (const planned of spec?.tests ?? []) {
    if (planned.kind === "single" && planned.title === test.title) return planned.exchange;
    if (planned.kind === "table") {
      const row = planned.cases.find((exchange) => exchange.title === test.title);
      if (row) return row;
    }
    if (planned.kind === "flow" && planned.title === test.title) {
      const step = stepTitleAt(lines, error.line);
      return planned.steps.find((candidate) => candidate.title === step);
    }
  }
  return undefined;
}

/** The title of the `test.step` the 1-based line is in. */
function stepTitleAt(lines: readonly string[], line: number | undefined): string | undefined {
  for (let index = (line ?? 1) - 1; index >= 0; index -= 1) {
    if (!lines[index]!.includes("test.step(")) continue;
    const literal = /"(?:[^"\\]|\\.)*"/.exec(`${lines[index]}\n${lines[index + 1] ?? ""}`);
    return literal ? (JSON.parse(literal[0]) as string) : undefined;
  }
  return undefined;
}

function demote(
  exchange: PlannedExchange,
  error: TestError,
  lines: readonly string[],
): WarningNote | null {
  const message = error.message;
  const near = lines.slice((error.line ?? 1) - 1, (error.line ?? 1) + 3).join("\n");
  const rule = [...(exchange.rules ?? []), ...(exchange.invariants ?? [])].find(
    (candidate) =>
      message.includes(`invariant: ${candidate.description}`) ||
      message.includes(`business rule: ${candidate.description}`),
  );
  if (rule) return dropRule(exchange, rule.description);
  const body = exchange.expect.body;
  if (/toMatchObject/.test(message) && body.kind === "json") {
    const keys = new Set([...message.matchAll(/^\s*[-+]\s+"([^"]+)":/gm)].map((m) => m[1]!));
    const changed = body.values.filter((value) => keys.has(value.path.at(-1)!));
    if (changed.length === 0) return null;
    body.values = body.values.filter((value) => !changed.includes(value));
    body.dynamic.push(
      ...changed.map((value) => ({
        path: value.path,
        reason: "it changed between verification runs",
      })),
    );
    return {
      code: "unstable-value",
      message: `verify: ${changed.map((value) => value.path.join(".")).join(", ")} changed between runs: asserted by type only`,
    };
  }
  if (/ZodError/.test(message) && body.kind === "json") {
    const paths = [...message.matchAll(/"path": \[([^\]]*)\]/g)].map(
      (m) => JSON.parse(`[${m[1]!}]`) as JsonPath,
    );
    const named = [...new Set(paths.map((path) => jsonPathText(path)))];
    const before = JSON.stringify(body.schema);
    for (const path of paths) body.schema = anyValueAt(body.schema, path);
    if (JSON.stringify(body.schema) === before) return null;
    return {
      code: "unstable-type",
      message: `verify: ${named.join(", ")} did not keep its captured type on every run: its type is no longer checked`,
    };
  }
  if (/response\.status\(\)/.test(near) && exchange.expect.status !== null) {
    return demoteStatus(exchange, exchange.expect.status);
  }
  return {
    code: "unstable-test",
    message: `verify: failed on some runs only: ${message.split("\n")[0]!.slice(0, 160)}`,
  };
}

/** A 2xx status that changed is asserted as "a 2xx status"; any other is left for a person. */
function demoteStatus(exchange: PlannedExchange, status: number): WarningNote {
  if (status < 200 || status > 299) {
    return {
      code: "unstable-status",
      message: `verify: the status was not always ${status}; check what this step depends on`,
    };
  }
  exchange.expect.status = null;
  return {
    code: "unstable-status",
    message: `verify: the status was not always ${status}: the test asserts a 2xx status`,
  };
}

function dropRule(exchange: PlannedExchange, description: string): WarningNote | null {
  const before = (exchange.rules?.length ?? 0) + (exchange.invariants?.length ?? 0);
  exchange.rules = exchange.rules?.filter((rule) => rule.description !== description);
  exchange.invariants = exchange.invariants?.filter((rule) => rule.description !== description);
  return before > (exchange.rules?.length ?? 0) + (exchange.invariants?.length ?? 0)
    ? {
        code: "unstable-rule",
        message: `verify: "${description}" did not hold on every run: dropped`,
      }
    : null;
}

/** The schema with the node at `path` accepting any value. */
function anyValueAt(schema: InferredSchema, path: JsonPath): InferredSchema {
  if (path.length === 0) return { type: "unknown" };
  const [step, ...rest] = path;
  switch (schema.type) {
    case "object":
      return {
        type: "object",
        properties: schema.properties.map((property) =>
          property.name === step
            ? { ...property, schema: anyValueAt(property.schema, rest) }
            : property,
        ),
      };
    case "array":
      return typeof step === "number" && schema.items
        ? { type: "array", items: anyValueAt(schema.items, rest) }
        : schema;
    case "union":
      return { type: "union", anyOf: schema.anyOf.map((member) => anyValueAt(member, path)) };
    default:
      return schema;
  }
}
