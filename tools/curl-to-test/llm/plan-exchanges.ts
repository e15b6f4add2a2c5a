/**
 * The exchanges of a plan under stable ids (`e1`, `e2`, … in plan order; specs `s1`, `s2`, …),
 * each with the JSON response bodies captured for it. Prompts name exchanges by these ids,
 * and the answer is checked against these samples.
 */
import type { CapturedRequest, SourceLocation } from "../model/captured-request.ts";
import type {
  ConversionPlan,
  PlannedExchange,
  PlannedSpec,
  PlannedTest,
} from "../plan/conversion-plan.ts";

export interface ExchangeEntry {
  id: string;
  specId: string;
  spec: PlannedSpec;
  test: PlannedTest;
  exchange: PlannedExchange;
  /** Where the exchange sits in its test. */
  role: "single" | "table-case" | "flow-step";
  /** Parsed JSON response bodies of every captured request this exchange stands for. */
  samples: unknown[];
  /** Those captured requests. */
  requests: CapturedRequest[];
}

export interface SpecEntry {
  id: string;
  spec: PlannedSpec;
  exchanges: ExchangeEntry[];
}

export function planExchanges(
  plan: ConversionPlan,
  requests: readonly CapturedRequest[],
): SpecEntry[] {
  const bySource = new Map<string, CapturedRequest[]>();
  for (const request of requests) {
    const key = sourceKey(request.source);
    bySource.set(key, [...(bySource.get(key) ?? []), request]);
  }
  let exchangeCount = 0;
  return plan.specs.map((spec, specIndex) => {
    const specId = `s${specIndex + 1}`;
    const exchanges: ExchangeEntry[] = [];
    for (const test of spec.tests) {
      const members =
        test.kind === "single"
          ? [{ exchange: test.exchange, role: "single" as const }]
          : test.kind === "table"
            ? test.cases.map((exchange) => ({ exchange, role: "table-case" as const }))
            : test.steps.map((exchange) => ({ exchange, role: "flow-step" as const }));
      for (const { exchange, role } of members) {
        exchangeCount += 1;
        const captured = [
          ...new Set(exchange.sources.flatMap((source) => bySource.get(sourceKey(source)) ?? [])),
        ];
        exchanges.push({
          id: `e${exchangeCount}`,
          specId,
          spec,
          test,
          exchange,
          role,
          requests: captured,
          samples: captured.flatMap((request) => {
            const json = responseJson(request);
            return json === undefined ? [] : [json];
          }),
        });
      }
    }
    return { id: specId, spec, exchanges };
  });
}

function sourceKey(source: SourceLocation): string {
  return `${source.file}\u0000${source.line}\u0000${source.column}`;
}

function responseJson(request: CapturedRequest): unknown {
  const text = request.response?.bodyText;
  if (text === undefined || text === "") return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
