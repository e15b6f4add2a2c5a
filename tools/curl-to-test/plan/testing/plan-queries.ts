import type {
  PlannedExchange,
  PlannedSpec,
  PlannedTest,
  ValueTemplate,
} from "../conversion-plan.ts";

export function exchanges(test: PlannedTest): PlannedExchange[] {
  if (test.kind === "single") return [test.exchange];
  return test.kind === "table" ? test.cases : test.steps;
}

export function allExchanges(specs: PlannedSpec[]): PlannedExchange[] {
  return specs.flatMap((spec) => spec.tests.flatMap(exchanges));
}

/** What the test sends at run time: env vars and flow variables filled in. */
export function sent(template: ValueTemplate, values: ReadonlyMap<string, string>): string {
  return template
    .map((part) => {
      if (part.kind === "literal") return part.text;
      const value = values.get(part.name) ?? "";
      if (part.encoding === "uri-component") return encodeURIComponent(value);
      if (part.encoding === "json-string") return JSON.stringify(value);
      return value;
    })
    .join("");
}
