import type { PlannedExchange, PlannedTest } from "./conversion-plan.ts";
import type { EndpointTemplate } from "./endpoint-template.ts";
import { inferResponseSchema, inferSchema } from "./infer-schema.ts";
import { safeJsonParse } from "./json-body.ts";
import type { PreparedExchange } from "./prepare-exchanges.ts";
import { tableColumns } from "./table-columns.ts";

/** Identical requests collapse into one exchange; different ones share a table when they can. */
export function endpointTests(
  members: readonly PreparedExchange[],
  endpoint: EndpointTemplate,
  exchangeFor: (group: readonly PreparedExchange[]) => PlannedExchange,
): PlannedTest[] {
  const identical = [...Map.groupBy(members, (member) => JSON.stringify(member.planned)).values()];
  const cases = identical.map(exchangeFor);
  if (cases.length > 1 && tableColumns(cases)) return [tableTest(identical, cases, endpoint)];
  return cases.map((exchange) => ({ kind: "single", title: exchange.title, exchange }));
}

function tableTest(
  identical: readonly (readonly PreparedExchange[])[],
  cases: readonly PlannedExchange[],
  endpoint: EndpointTemplate,
): PlannedTest {
  const bodies = identical.map((group) => group[0]!.request);
  const responseSamples = identical.flatMap((group) =>
    group.flatMap((item) => (item.responseJson === undefined ? [] : [item.responseJson])),
  );
  const requestBodies = bodies.flatMap((request) =>
    request.body.kind === "text" ? [safeJsonParse(request.body.text)] : [],
  );
  const firstBody = cases[0]!.request.body;
  return {
    kind: "table",
    nameWords: endpoint.nameWords,
    responseSchema:
      cases[0]!.expect.body.kind === "json"
        ? (inferResponseSchema(responseSamples)?.schema ?? null)
        : null,
    requestBodySchema:
      firstBody.kind === "json" && requestBodies.length === cases.length
        ? inferSchema(requestBodies)
        : null,
    // One test body asserts every row: rules inferred for one case need not fit another.
    cases: cases.map(withoutInferredRules),
  };
}

function withoutInferredRules(exchange: PlannedExchange): PlannedExchange {
  const copy = { ...exchange };
  delete copy.rules;
  delete copy.invariants;
  return copy;
}
