/**
 * Where the services are: the same `<SERVICE>_BASE_URL` variables as the API suites, else the
 * demo platform on 127.0.0.1 from `DEMO_PORT` (default 4310: order, then eta, recommendation).
 */
const demoPort = Number(__ENV.DEMO_PORT || 4310);

function baseUrl(envName: string, demoOffset: number): string {
  const fromEnv = __ENV[envName];
  return (fromEnv || `http://127.0.0.1:${demoPort + demoOffset}`).replace(/\/+$/, "");
}

export const baseUrls = {
  order: baseUrl("ORDER_BASE_URL", 0),
  eta: baseUrl("ETA_BASE_URL", 1),
  recommendation: baseUrl("RECOMMENDATION_BASE_URL", 2),
};

export type ServiceName = keyof typeof baseUrls;

/** Bearer auth as the services expect it; the token comes from the environment, never a file. */
export const authHeaders = {
  authorization: `Bearer ${__ENV.DEMO_API_TOKEN || "demo-token"}`,
};
