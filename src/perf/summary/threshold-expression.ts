// Runs inside k6 as well as Node: no imports.

/** One k6 threshold, e.g. `p(95)<20` on `http_req_duration{endpoint:eta-precise}`. */
export interface ThresholdExpression {
  /** `avg`, `min`, `max`, `med`, `count`, `rate`, `value` or `p(N)`. */
  aggregation: string;
  operator: "<" | "<=" | ">" | ">=" | "==" | "===" | "!=";
  bound: number;
}

const expressionPattern =
  /^\s*(avg|min|max|med|count|rate|value|p\(\d+(?:\.\d+)?\))\s*(<=|>=|===|==|!=|<|>)\s*(-?\d+(?:\.\d+)?)\s*$/;

/** Undefined for an expression k6 would accept but these reports do not read (none so far). */
export function parseThresholdExpression(expression: string): ThresholdExpression | undefined {
  const match = expressionPattern.exec(expression);
  if (!match) return undefined;
  return {
    aggregation: match[1] as string,
    operator: match[2] as ThresholdExpression["operator"],
    bound: Number(match[3]),
  };
}

export function thresholdHolds(threshold: ThresholdExpression, actual: number): boolean {
  switch (threshold.operator) {
    case "<":
      return actual < threshold.bound;
    case "<=":
      return actual <= threshold.bound;
    case ">":
      return actual > threshold.bound;
    case ">=":
      return actual >= threshold.bound;
    case "==":
    case "===":
      return actual === threshold.bound;
    case "!=":
      return actual !== threshold.bound;
  }
}

/** The percentile a `p(N)` aggregation names (50 for `med`); undefined for other aggregations. */
export function percentileOf(aggregation: string): number | undefined {
  if (aggregation === "med") return 50;
  const match = /^p\((\d+(?:\.\d+)?)\)$/.exec(aggregation);
  return match ? Number(match[1]) : undefined;
}

/** `http_req_duration{endpoint:eta-precise}` → the metric and its tag filter. */
export function splitMetricKey(key: string): { metric: string; tags: Record<string, string> } {
  const brace = key.indexOf("{");
  if (brace === -1 || !key.endsWith("}")) return { metric: key, tags: {} };
  const tags: Record<string, string> = {};
  for (const pair of key.slice(brace + 1, -1).split(",")) {
    const colon = pair.indexOf(":");
    if (colon > 0) tags[pair.slice(0, colon).trim()] = pair.slice(colon + 1).trim();
  }
  return { metric: key.slice(0, brace), tags };
}
