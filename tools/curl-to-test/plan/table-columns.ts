import type { JsonTemplate, PlannedExchange, ValueTemplate } from "./conversion-plan.ts";
import { sendsAsWritten } from "./fixture-limits.ts";

/** Which parts of a request differ between the cases of a table test. */
export interface TableColumns {
  url: boolean;
  headers: boolean;
  body: boolean;
  status: boolean;
}

/**
 * The columns of a table test over these exchanges, or null when they cannot share one test
 * body: a differing part must be plain literal text (a row is data, read before any env var
 * or flow variable exists), and every case must send the same kind of body and expect the
 * same kind of response.
 */
export function tableColumns(cases: readonly PlannedExchange[]): TableColumns | null {
  const first = cases[0];
  if (!first || cases.length < 2) return null;
  const differs = (pick: (exchange: PlannedExchange) => unknown): boolean => {
    const reference = JSON.stringify(pick(first));
    return cases.some((exchange) => JSON.stringify(pick(exchange)) !== reference);
  };
  const sender = (exchange: PlannedExchange) => sendsAsWritten(exchange.request);
  if (
    differs((exchange) => [exchange.request.method, exchange.request.followRedirects]) ||
    differs(sender) ||
    differs((exchange) => exchange.request.queryFiles)
  ) {
    return null;
  }
  if (differs((exchange) => [exchange.expect.status === null, exchange.expect.body.kind])) {
    return null;
  }
  if (cases.some((exchange) => exchange.exports.length > 0)) return null;
  // A row is data; a value made up per run is declared in the test body.
  if (cases.some((exchange) => (exchange.freshValues?.length ?? 0) > 0)) return null;

  const columns: TableColumns = {
    url: differs((exchange) => exchange.request.url),
    headers: differs((exchange) => exchange.request.headers),
    body: differs((exchange) => exchange.request.body),
    status: differs((exchange) => exchange.expect.status),
  };
  for (const exchange of cases) {
    const request = exchange.request;
    if (columns.url && !isLiteral(request.url)) return null;
    if (columns.headers && !request.headers.every((header) => isLiteral(header.value))) {
      return null;
    }
    if (columns.body) {
      const body = request.body;
      const literalBody =
        body.kind === "none" ||
        (body.kind === "text" && isLiteral(body.text)) ||
        (body.kind === "json" && isLiteralJson(body.value));
      if (!literalBody || body.kind !== first.request.body.kind) return null;
    }
  }
  return columns;
}

function isLiteral(template: ValueTemplate): boolean {
  return template.every((part) => part.kind === "literal");
}

function isLiteralJson(template: JsonTemplate): boolean {
  switch (template.kind) {
    case "literal":
      return true;
    case "object":
      return template.entries.every((entry) => isLiteralJson(entry.value));
    case "array":
      return template.items.every(isLiteralJson);
    case "env":
    case "variable":
      return false;
  }
}
