/**
 * Flows and correlations the model proposed. Single tests may be grouped into one new flow test
 * (steps in capture order, in a new flow spec), with the whole of a flow the planner made; a
 * value one step's response returned may become
 * a variable that a later step of the same flow sends, where that step's request holds the
 * captured value literally (a whole path segment, query value or JSON body value). Anything else
 * (table rows, steps of another flow, a value the request does not hold) is rejected.
 */
import type {
  ConversionPlan,
  JsonPath,
  JsonTemplate,
  PlannedExchange,
  PlannedFlowTest,
  PlannedSpec,
  TemplatePart,
  ValueTemplate,
} from "../plan/conversion-plan.ts";
import { jsonPathText } from "../plan/json-path-text.ts";
import { percentDecodedOrKept } from "../plan/percent-decoding.ts";
import { camelIdentifier } from "../model/identifier-names.ts";
import type { ExchangeEntry } from "./plan-exchanges.ts";

/** Groups single tests into a new flow spec placed where the first of them was; or why not. */
export function groupIntoFlow(
  plan: ConversionPlan,
  entries: readonly ExchangeEntry[],
  title: string,
): string | null {
  if (entries.length < 2) return "a flow needs two exchanges or more";
  if (new Set(entries).size < entries.length) return "it names an exchange twice";
  // A flow the planner already made may be taken in whole (its steps keep their variables).
  const whole = (entry: ExchangeEntry) =>
    entry.test.kind === "flow" &&
    entry.test.steps.every((step) => entries.some((other) => other.exchange === step));
  const notSingle = entries.find(
    (entry) => entry.role !== "single" && !(entry.role === "flow-step" && whole(entry)),
  );
  if (notSingle) return `${notSingle.id} is not a test of its own (a table row or a flow step)`;
  const ordered = [...entries].sort((a, b) => exchangeNumber(a) - exchangeNumber(b));
  const firstSpec = ordered[0]!.spec;
  const flow: PlannedFlowTest = {
    kind: "flow",
    title: title || `${ordered.map((entry) => entry.exchange.title).join(" → ")}`,
    steps: ordered.map((entry) => entry.exchange),
  };
  for (const entry of ordered) {
    entry.spec.tests = entry.spec.tests.filter((test) => test !== entry.test);
  }
  const spec: PlannedSpec = {
    fileName: uniqueFileName(plan, [...ordered[0]!.exchange.nameWords, "flow"]),
    title: `flow: ${firstSpec.title}`,
    kind: "flow",
    tests: [flow],
  };
  const at = plan.specs.indexOf(firstSpec);
  plan.specs.splice(at, 0, spec);
  plan.specs = plan.specs.filter((candidate) => candidate.tests.length > 0);
  for (const entry of ordered) {
    entry.test = flow;
    entry.spec = spec;
    entry.role = "flow-step";
  }
  return null;
}

/** Makes the later step send the earlier step's response value as a variable; or why not. */
export function correlate(
  producer: ExchangeEntry,
  path: JsonPath,
  consumer: ExchangeEntry,
): string | null {
  const flow = producer.test;
  if (flow.kind !== "flow" || consumer.test !== flow) {
    return `${producer.id} and ${consumer.id} are not steps of one flow`;
  }
  if (flow.steps.indexOf(producer.exchange) >= flow.steps.indexOf(consumer.exchange)) {
    return `${producer.id} does not come before ${consumer.id}`;
  }
  const value = valueAt(producer.samples[0], path);
  if (typeof value !== "string" && typeof value !== "number") {
    return `the captured response of ${producer.id} has no string or number at ${jsonPathText(path)}`;
  }
  const known = producer.exchange.exports.find(
    (candidate) => JSON.stringify(candidate.path) === JSON.stringify(path),
  );
  if (known && sendsVariable(consumer.exchange, known.variable)) return null;
  const variable = known?.variable ?? variableName(flow, path);
  const replaced = withVariable(
    consumer.exchange,
    String(value),
    typeof value === "string" ? "string" : "number",
    variable,
  );
  if (!replaced) {
    return `the request of ${consumer.id} does not send ${JSON.stringify(String(value))} as a whole path segment, query value or JSON value`;
  }
  if (!known) producer.exchange.exports.push({ variable, path: [...path] });
  return null;
}

/** The request already sends this flow variable (the planner correlated it). */
function sendsVariable(exchange: PlannedExchange, variable: string): boolean {
  return JSON.stringify(exchange.request).includes(
    `"kind":"variable","name":${JSON.stringify(variable)}`,
  );
}

/** Replaces the captured value in the request; false when it holds it nowhere it can. */
function withVariable(
  exchange: PlannedExchange,
  text: string,
  type: "string" | "number",
  variable: string,
): boolean {
  const request = exchange.request;
  const url = replaceInUrl(request.url, text, variable);
  let replaced = url !== null;
  if (url) request.url = url;
  if (request.body.kind === "json") {
    const body = replaceInJson(request.body.value, text, type, variable);
    if (body) {
      request.body = { ...request.body, value: body };
      replaced = true;
    }
  }
  return replaced;
}

/** Whole path segments and whole query values equal to `text` become the variable. */
function replaceInUrl(url: ValueTemplate, text: string, variable: string): ValueTemplate | null {
  const parts: TemplatePart[] = [];
  let inQuery = false;
  let found = false;
  for (const part of url) {
    if (part.kind !== "literal") {
      parts.push(part);
      continue;
    }
    // Split into separators and the pieces between them, keeping the separators.
    for (const piece of part.text.split(/([/?&=#])/)) {
      if (piece === "?") inQuery = true;
      const previous = parts.at(-1);
      const separatorBefore =
        previous?.kind === "literal" ? /[/=]$/.test(previous.text) : previous === undefined;
      const wholeValue = piece !== "" && percentDecodedOrKept(piece) === text && separatorBefore;
      if (
        wholeValue &&
        (inQuery ? previous?.kind === "literal" && previous.text.endsWith("=") : true)
      ) {
        parts.push({ kind: "variable", name: variable, encoding: "uri-component" });
        found = true;
      } else if (piece !== "") {
        const last = parts.at(-1);
        if (last?.kind === "literal")
          parts[parts.length - 1] = { kind: "literal", text: last.text + piece };
        else parts.push({ kind: "literal", text: piece });
      }
    }
  }
  return found ? parts : null;
}

function replaceInJson(
  template: JsonTemplate,
  text: string,
  type: "string" | "number",
  variable: string,
): JsonTemplate | null {
  switch (template.kind) {
    case "literal": {
      const value = template.value;
      if (typeof value === type && String(value) === text) {
        return { kind: "variable", name: variable, asString: false };
      }
      if (type === "number" && typeof value === "string" && value === text) {
        return { kind: "variable", name: variable, asString: true };
      }
      return null;
    }
    case "object": {
      let found = false;
      const entries = template.entries.map((entry) => {
        const child = replaceInJson(entry.value, text, type, variable);
        if (!child) return entry;
        found = true;
        return { key: entry.key, value: child };
      });
      return found ? { kind: "object", entries } : null;
    }
    case "array": {
      let found = false;
      const items = template.items.map((item) => {
        const child = replaceInJson(item, text, type, variable);
        if (!child) return item;
        found = true;
        return child;
      });
      return found ? { kind: "array", items } : null;
    }
    default:
      return null;
  }
}

/** Names the generated test function already uses, or that would shadow what a step declares. */
const takenNames = new Set([
  "request",
  "response",
  "body",
  "requestBody",
  "form",
  "item",
  "sum",
  "row",
  "env",
  "defined",
]);

function variableName(flow: PlannedFlowTest, path: JsonPath): string {
  const used = new Set(flow.steps.flatMap((step) => step.exports.map((entry) => entry.variable)));
  const words = path.filter((step): step is string => typeof step === "string").slice(-2);
  const base = camelIdentifier(words, "value");
  let name = base;
  for (let n = 2; used.has(name) || takenNames.has(name); n += 1) name = `${base}${n}`;
  return name;
}

function uniqueFileName(plan: ConversionPlan, words: readonly string[]): string {
  // A spec whose tests all moved into the new flow gives its name up.
  const taken = new Set(
    plan.specs.filter((spec) => spec.tests.length > 0).map((spec) => spec.fileName),
  );
  const base =
    words
      .join("-")
      .toLowerCase()
      .replace(/[^a-z0-9-]+/g, "-") || "flow";
  let name = `${base}.spec.ts`;
  for (let n = 2; taken.has(name); n += 1) name = `${base}-${n}.spec.ts`;
  return name;
}

function exchangeNumber(entry: ExchangeEntry): number {
  return Number(entry.id.slice(1));
}

function valueAt(sample: unknown, path: JsonPath): unknown {
  let current = sample;
  for (const key of path) {
    if (typeof current !== "object" || current === null || !Object.hasOwn(current, key)) {
      return undefined;
    }
    current = (current as Record<string | number, unknown>)[key];
  }
  return current;
}
