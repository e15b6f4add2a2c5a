// Smoke: every endpoint once with one VU, in seconds; run by the test command on every change.
import { check } from "k6";
import http from "k6/http";
import type { Options } from "k6/options";
import { everyCallOnce } from "../lib/delivery-traffic.ts";
import { smokeObjectives, summaryTrendStats } from "../lib/objectives.ts";
import { summaryOutputs } from "../lib/summary-outputs.ts";
import { assertTargetsHealthy } from "../lib/target-health.ts";
import { authHeaders, baseUrls } from "../lib/targets.ts";

export const options: Options = {
  scenarios: {
    smoke: { executor: "per-vu-iterations", vus: 1, iterations: 1, maxDuration: "30s" },
  },
  thresholds: smokeObjectives,
  summaryTrendStats,
};

export function setup(): void {
  assertTargetsHealthy();
}

export default function smoke(): void {
  everyCallOnce();
  // The read routes outside the traffic mix, once each.
  const get = (url: string, endpoint: string) => {
    const response = http.get(url, { headers: authHeaders, tags: { endpoint } });
    check(response, { [`${endpoint} answers 200`]: (r) => r.status === 200 });
  };
  get(`${baseUrls.order}/v1/shops/1/menu`, "order-menu");
  get(`${baseUrls.eta}/v1/shops/1/eta-settings`, "eta-settings");
  get(`${baseUrls.recommendation}/v1/members/1/feedback`, "recommendation-feedback");
}

export const handleSummary = summaryOutputs({ scenario: "smoke", profile: "iterations" });
