/**
 * Applies a model's refinement to the specs of one prompt, proposal by proposal. Each is checked
 * against the plan and the capture first; one that names an exchange, spec, field, path or
 * segment the capture does not have, or a rule that does not hold on the captured responses, is
 * rejected with a notice, and the rest still applies. Values asserted are always the capture's,
 * never the model's. Mutates the specs it is given (the caller passes a copy of the plan).
 */
import type {
  ConversionPlan,
  JsonPath,
  PlannedExchange,
  PlannedSpec,
  PlannedTest,
} from "../plan/conversion-plan.ts";
import { jsonPathText } from "../plan/json-path-text.ts";
import { checkBusinessRule } from "./business-rules.ts";
import { correlate, groupIntoFlow } from "./flow-grouping.ts";
import { negativeCaseTest } from "./negative-cases.ts";
import type { ExchangeEntry, SpecEntry } from "./plan-exchanges.ts";
import type { PlanRefinement, RefinedExchange } from "./refinement-schema.ts";

export interface RefinementNotice {
  /** The exchange it concerns; its first source locates the `warning:` and gets a TODO. */
  exchange?: PlannedExchange;
  message: string;
}

const maxTitleLength = 100;
const maxDescriptionLength = 300;

export function applyRefinement(
  plan: ConversionPlan,
  specs: readonly SpecEntry[],
  refinement: PlanRefinement,
): RefinementNotice[] {
  const specsById = new Map(specs.map((spec) => [spec.id, spec]));
  const exchangesById = new Map(
    specs.flatMap((spec) => spec.exchanges.map((entry) => [entry.id, entry] as const)),
  );
  const notices = applySpecTitles(specsById, refinement);
  // Flows first: grouping moves tests, and what follows attaches to where they are now.
  notices.push(...applyFlows(plan, exchangesById, refinement));
  notices.push(...applyCorrelations(exchangesById, refinement));
  const negatives = new Map<PlannedTest, PlannedTest[]>();
  for (const proposal of refinement.exchanges) {
    const entry = exchangesById.get(proposal.exchangeId);
    if (!entry) {
      notices.push({
        message: `model named exchange ${quoted(proposal.exchangeId)}, which this prompt does not have`,
      });
      continue;
    }
    notices.push(...applyExchange(entry, proposal, specs, negatives));
  }
  insertNegatives(specs, negatives);
  return notices;
}

function applySpecTitles(
  specsById: ReadonlyMap<string, SpecEntry>,
  refinement: PlanRefinement,
): RefinementNotice[] {
  const notices: RefinementNotice[] = [];
  for (const proposal of refinement.specs) {
    const spec = specsById.get(proposal.specId);
    const title = oneLine(proposal.title, maxTitleLength);
    if (!spec)
      notices.push({
        message: `model named spec ${quoted(proposal.specId)}, which this prompt does not have`,
      });
    else if (title !== "") spec.spec.title = title;
  }
  return notices;
}

function applyFlows(
  plan: ConversionPlan,
  exchangesById: ReadonlyMap<string, ExchangeEntry>,
  refinement: PlanRefinement,
): RefinementNotice[] {
  const notices: RefinementNotice[] = [];
  for (const flow of refinement.flows) {
    const title = oneLine(flow.title, maxTitleLength);
    const entries = flow.exchangeIds.map((id) => exchangesById.get(id));
    const missing = flow.exchangeIds.filter((_, index) => !entries[index]);
    const found = entries.filter((entry): entry is ExchangeEntry => entry !== undefined);
    const test = found[0]?.test;
    let problem: string | null;
    if (missing.length > 0) problem = `this prompt has no exchange ${missing.join(", ")}`;
    else if (test?.kind === "flow" && found.every((entry) => entry.test === test)) {
      if (title !== "") test.title = title;
      problem = null;
    } else problem = groupIntoFlow(plan, found, title);
    if (problem) notices.push({ message: `model's flow ${quoted(title)} rejected: ${problem}` });
  }
  return notices;
}

function applyCorrelations(
  exchangesById: ReadonlyMap<string, ExchangeEntry>,
  refinement: PlanRefinement,
): RefinementNotice[] {
  const notices: RefinementNotice[] = [];
  for (const proposal of refinement.correlations) {
    const producer = exchangesById.get(proposal.fromExchangeId);
    const consumer = exchangesById.get(proposal.toExchangeId);
    const what = `model's correlation ${proposal.fromExchangeId} ${quoted(jsonPathText(proposal.responsePath))} → ${proposal.toExchangeId} rejected`;
    const problem =
      producer && consumer
        ? correlate(producer, proposal.responsePath, consumer)
        : "this prompt has no such exchange";
    if (problem)
      notices.push({
        ...(consumer ? { exchange: consumer.exchange } : {}),
        message: `${what}: ${problem}`,
      });
  }
  return notices;
}

/**
 * Applies what the model proposed for one exchange; negative cases built are collected in
 * `negatives` under the test they follow.
 */
function applyExchange(
  entry: ExchangeEntry,
  proposal: RefinedExchange,
  specs: readonly SpecEntry[],
  negatives: Map<PlannedTest, PlannedTest[]>,
): RefinementNotice[] {
  const notices: RefinementNotice[] = [];
  const reject = (what: string, why: string): void => {
    notices.push({ exchange: entry.exchange, message: `model's ${what} rejected: ${why}` });
  };
  applyNames(entry, proposal);
  for (const field of proposal.dynamicFields) {
    const problem = markDynamic(entry, field.path, oneLine(field.reason, maxDescriptionLength));
    if (problem) reject(`dynamic field ${quoted(field.path.join("."))}`, problem);
  }
  for (const field of proposal.stableFields) {
    const problem = markStable(entry, field.path);
    if (problem) reject(`stable field ${quoted(field.path.join("."))}`, problem);
  }
  for (const proposed of proposal.businessRules) {
    const problem = addRule(entry, specs, proposed);
    if (problem) reject(`business rule ${quoted(proposed.description)}`, problem);
  }
  for (const proposed of proposal.negativeCases) {
    const title = oneLine(proposed.title, maxTitleLength) || `${proposed.kind} case`;
    const built = negativeCaseTest(entry.exchange, proposed, title);
    if ("rejected" in built) {
      reject(`${proposed.kind} case ${quoted(title)}`, built.rejected);
      continue;
    }
    negatives.set(entry.test, [...(negatives.get(entry.test) ?? []), built.test]);
  }
  return notices;
}

/** Each negative case goes right after the test of the exchange it breaks. */
function insertNegatives(
  specs: readonly SpecEntry[],
  negatives: ReadonlyMap<PlannedTest, PlannedTest[]>,
): void {
  const touched = new Set(specs.flatMap((spec) => spec.exchanges.map((entry) => entry.spec)));
  for (const spec of touched) {
    spec.tests = spec.tests.flatMap((test) => [test, ...(negatives.get(test) ?? [])]);
    uniqueTitles(spec);
  }
}

function applyNames(entry: ExchangeEntry, proposal: RefinedExchange): void {
  const title = oneLine(proposal.title, maxTitleLength);
  if (title !== "") {
    entry.exchange.title = title;
    if (entry.test.kind === "single") entry.test.title = title;
  }
  const description = oneLine(proposal.description, maxDescriptionLength);
  if (description !== "") entry.exchange.description = description;
}

/** Stops asserting the field (and anything under it) by value; the schema still checks its type. */
function markDynamic(entry: ExchangeEntry, path: readonly string[], reason: string): string | null {
  const body = entry.exchange.expect.body;
  if (body.kind !== "json") return "the response is not asserted as JSON";
  if (!entry.samples.some((sample) => hasPath(sample, path)))
    return `the capture has no field ${path.join(".")}`;
  if (body.dynamic.some((field) => startsWith(path, field.path))) return null;
  const before = body.values.length;
  body.values = body.values.filter((value) => !startsWith(value.path, path));
  if (body.values.length === before) return null;
  body.dynamic.push({
    path: [...path],
    reason: `the model's review: ${reason || "changes between runs"}`,
  });
  return null;
}

/** Asserts a field by its captured value, when every sample has that same scalar value. */
function markStable(entry: ExchangeEntry, path: readonly string[]): string | null {
  const body = entry.exchange.expect.body;
  if (body.kind !== "json") return "the response is not asserted as JSON";
  const index = body.dynamic.findIndex((field) => samePath(field.path, path));
  if (index === -1) {
    return entry.samples.some((sample) => hasPath(sample, path))
      ? "it is not among the fields asserted by type only"
      : `the capture has no field ${path.join(".")}`;
  }
  if (body.dynamic[index]!.reason === "it holds a secret") return "it holds a secret";
  const observed = entry.samples.map((sample) => valueAt(sample, path));
  const first = observed[0];
  if (first === undefined) return "no captured response has it";
  if (!(first === null || ["string", "number", "boolean"].includes(typeof first))) {
    return "its value is not a string, number, boolean or null";
  }
  if (observed.some((value) => value !== first))
    return "its captured values differ between samples";
  body.dynamic.splice(index, 1);
  body.values.push({ path: [...path], value: first as string | number | boolean | null });
  return null;
}

/** A rule on a table case holds for every row: it is checked on all of them and kept on all. */
function addRule(
  entry: ExchangeEntry,
  specs: readonly SpecEntry[],
  proposed: RefinedExchange["businessRules"][number],
): string | null {
  const body = entry.exchange.expect.body;
  if (body.kind !== "json") return "the response is not asserted as JSON";
  const test = entry.test;
  const siblings =
    test.kind === "table"
      ? specs.flatMap((spec) => spec.exchanges.filter((other) => other.test === test))
      : [entry];
  const schema = test.kind === "table" ? (test.responseSchema ?? body.schema) : body.schema;
  const checked = checkBusinessRule(
    proposed,
    schema,
    siblings.flatMap((sibling) => sibling.samples),
  );
  if ("rejected" in checked) return checked.rejected;
  // The same rule the planner inferred (its evidence aside) is not asserted twice.
  const key = JSON.stringify({ ...checked.rule, description: "", evidence: undefined });
  for (const sibling of siblings) {
    const rules = sibling.exchange.rules ?? [];
    if (
      !rules.some(
        (rule) => JSON.stringify({ ...rule, description: "", evidence: undefined }) === key,
      )
    ) {
      sibling.exchange.rules = [...rules, checked.rule];
    }
  }
  return null;
}

/** Playwright refuses two tests with one title in a file. */
function uniqueTitles(spec: PlannedSpec): void {
  const seen = new Set<string>();
  const take = (title: string): string => {
    let unique = title;
    for (let n = 2; seen.has(unique); n += 1) unique = `${title} #${n}`;
    seen.add(unique);
    return unique;
  };
  for (const test of spec.tests) {
    if (test.kind === "table") {
      for (const row of test.cases) row.title = take(row.title);
    } else if (test.kind === "single") {
      test.title = take(test.title);
      test.exchange.title = test.title;
    } else {
      test.title = take(test.title);
    }
  }
}

function hasPath(sample: unknown, path: readonly string[]): boolean {
  return valueAt(sample, path) !== undefined;
}

function valueAt(sample: unknown, path: readonly (string | number)[]): unknown {
  let current = sample;
  for (const key of path) {
    if (typeof current !== "object" || current === null) return undefined;
    if (!Object.hasOwn(current, key)) return undefined;
    current = (current as Record<string | number, unknown>)[key];
  }
  return current;
}

function startsWith(
  path: readonly (string | number)[],
  prefix: readonly (string | number)[],
): boolean {
  return prefix.length <= path.length && prefix.every((step, index) => path[index] === step);
}

function samePath(a: JsonPath, b: readonly (string | number)[]): boolean {
  return a.length === b.length && startsWith(a, b);
}

/** Model text made safe to show: one line, no control characters, bounded. */
function oneLine(text: string, max: number): string {
  // eslint-disable-next-line no-control-regex -- control characters are what must go.
  const line = text.replace(/[\u0000-\u001f\u007f\u2028\u2029\s]+/g, " ").trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

function quoted(text: string): string {
  return JSON.stringify(oneLine(text, 80));
}
