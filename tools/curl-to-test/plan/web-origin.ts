/**
 * Origin and Referer name the web page a capture came from (`https://shop.example.com`). A
 * server may check them (CSRF, CORS), so tests send them; read from `<SERVICE>_WEB_ORIGIN`,
 * defaulting to the captured origin, the same test runs against a staging site too.
 */
import type {
  ConversionPlan,
  PlannedExchange,
  PlannedHeader,
  PlannedTest,
  ValueTemplate,
} from "./conversion-plan.ts";

const originPrefix = /^https?:\/\/[^/?#\s]+/i;

export function webOriginEnvName(service: string): string {
  return `${service.toUpperCase().replace(/[^A-Z0-9]+/g, "_")}_WEB_ORIGIN`;
}

/** The plan with each Origin, and the origin at the start of each Referer, read from the env. */
export function withWebOriginFromEnv(plan: ConversionPlan): ConversionPlan {
  const name = webOriginEnvName(plan.service);
  const exchange = (planned: PlannedExchange): PlannedExchange => ({
    ...planned,
    request: { ...planned.request, headers: originHeaders(planned.request.headers, name) },
  });
  const test = (planned: PlannedTest): PlannedTest => {
    switch (planned.kind) {
      case "single":
        return { ...planned, exchange: exchange(planned.exchange) };
      case "flow":
        return { ...planned, steps: planned.steps.map(exchange) };
      case "table":
        // A table's cases differ only in literal text; they keep the captured origin.
        return planned;
    }
  };
  return {
    ...plan,
    specs: plan.specs.map((spec) => ({ ...spec, tests: spec.tests.map(test) })),
  };
}

function originHeaders(headers: readonly PlannedHeader[], name: string): PlannedHeader[] {
  const pageOrigin = literalOf(headers.find((header) => /^origin$/i.test(header.name))?.value);
  return headers.map((header) => {
    if (!/^(origin|referer)$/i.test(header.name)) return header;
    const text = literalOf(header.value);
    const origin = text === undefined ? undefined : originPrefix.exec(text)?.[0];
    if (text === undefined || origin === undefined) return header;
    if (pageOrigin !== undefined && origin !== originPrefix.exec(pageOrigin)?.[0]) return header;
    const value: ValueTemplate = [{ kind: "env", name, encoding: "none", fallback: origin }];
    if (text.length > origin.length)
      value.push({ kind: "literal", text: text.slice(origin.length) });
    return { ...header, value };
  });
}

/** The text of a value that is one literal, else undefined. */
function literalOf(value: ValueTemplate | undefined): string | undefined {
  return value?.length === 1 && value[0]?.kind === "literal" ? value[0].text : undefined;
}
