import type { ScenarioEnv } from "../../../src/perf/scenario/load-test.ts";

/**
 * Where the services are: the same `<SERVICE>_BASE_URL` variables as the API suites, else the
 * demo platform on 127.0.0.1 from `DEMO_PORT` (default 4310: order, then eta, recommendation).
 */
export function deliveryTargets(env: ScenarioEnv) {
  const demoPort = Number(env.DEMO_PORT || 4310);
  const baseUrl = (envName: string, demoOffset: number) =>
    (env[envName] || `http://127.0.0.1:${demoPort + demoOffset}`).replace(/\/+$/, "");
  return {
    order: baseUrl("ORDER_BASE_URL", 0),
    eta: baseUrl("ETA_BASE_URL", 1),
    recommendation: baseUrl("RECOMMENDATION_BASE_URL", 2),
  };
}

export type DeliveryTargets = ReturnType<typeof deliveryTargets>;

/**
 * Bearer auth as the services expect it. The token is read where the requests are sent, from the
 * environment, so it never appears in the script qaops writes beside the results.
 */
export function authHeaders(env: ScenarioEnv): Record<string, string> {
  return { authorization: `Bearer ${env.DEMO_API_TOKEN || "demo-token"}` };
}
