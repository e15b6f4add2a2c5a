import { readFileSync } from "node:fs";
import type { HttpFlowStep, HttpResponse, VUContext } from "artillery";
import { steadyLoad } from "../../../src/perf/load-shape/steady-load.ts";
import { endpointLatencyMetric } from "../../../src/perf/objectives/objective.ts";
import type { Objective } from "../../../src/perf/objectives/objective.ts";
import type { LoadTest, ScenarioEnv } from "../../../src/perf/scenario/load-test.ts";
import { expectedStatus, failedRequests } from "./objectives.ts";
import { artilleryLoadTest } from "./profiles.ts";
import { envDurationSeconds, envInteger, envNumber } from "./settings.ts";

/**
 * What the scenarios `qaops convert --load` writes share: where the captured service is, its
 * secrets from the environment, a short steady profile, objectives per captured endpoint, and
 * the flow values that keep a flow's correlations honest. The generated files only arrange the
 * requests; each is also the Artillery processor of its own requests.
 */
export type { LoadTest, ScenarioEnv, VUContext };

/** What a generated hook fills in before Artillery sends the request. */
export interface CapturedRequest {
  url?: string;
  headers?: Record<string, string>;
  json?: unknown;
  body?: string | Buffer;
}

export type CapturedResponse = HttpResponse;

export interface CapturedTarget {
  /** The API suites' variable, e.g. `ORDER_BASE_URL`. */
  baseUrlEnv: string;
  /** The service the capture was converted for, e.g. `order`. */
  service: string;
}

const demoPortOffsets: Record<string, number> = { order: 0, eta: 1, recommendation: 2 };

/**
 * `<SERVICE>_BASE_URL` without trailing slashes; unset, the demo platform's URL for a demo service
 * (as the API suites default), else "" and the builder stops the run naming it.
 */
export function capturedBaseUrl(target: CapturedTarget, env: ScenarioEnv): string {
  const fromEnv = env[target.baseUrlEnv];
  if (fromEnv) return fromEnv.replace(/\/+$/, "");
  const offset = demoPortOffsets[target.service];
  return offset === undefined ? "" : `http://127.0.0.1:${Number(env.DEMO_PORT || 4310) + offset}`;
}

/** A secret of the capture, read where the request is sent; the builder checked it is set. */
export function secret(name: string): string {
  return process.env[name] ?? "";
}

export interface CapturedLoadTestOptions {
  scenario: string;
  target: CapturedTarget;
  /** The variables the capture's secrets come from (listed in the specs' .env.example). */
  secrets: readonly string[];
  /** Endpoint names of the requests, which the objectives hold. */
  endpoints: readonly string[];
  flow: HttpFlowStep[];
  env: ScenarioEnv;
  /** The scenario file: its exported hooks build each request. */
  processor: string;
}

/**
 * The captured traffic as a load test: one virtual user sends every captured request once, a
 * flow's steps in order, at a steady rate (`PERF_PEAK_RATE` users/s, 2 by default) for
 * `PERF_DURATION` (30 s). Stops before any load, naming every variable to set, when the target
 * or a secret is missing, rather than sending requests that can only fail.
 */
export function capturedLoadTest(options: CapturedLoadTestOptions): LoadTest {
  const { env, target } = options;
  const missing = [
    ...(capturedBaseUrl(target, env) ? [] : [target.baseUrlEnv]),
    ...options.secrets.filter((name) => !env[name]),
  ];
  if (missing.length > 0) {
    throw new Error(
      `set ${missing.join(", ")} to run the scenario captured from ${target.service} ` +
        "(the secrets are listed by name in the .env.example beside its specs)",
    );
  }
  const durationSeconds = envDurationSeconds(env, "PERF_DURATION", "30s");
  const rampSeconds = Math.max(1, Math.round(durationSeconds * 0.1));
  const loadTest = artilleryLoadTest({
    scenario: options.scenario,
    profile: "steady",
    env,
    plan: steadyLoad({
      rate: envInteger(env, "PERF_PEAK_RATE", 2, { min: 1 }),
      rampSeconds,
      holdSeconds: Math.max(1, durationSeconds - rampSeconds),
    }),
    objectives: capturedObjectives(env, options.endpoints),
    scenarios: [
      { name: "captured", beforeScenario: "arrive", afterScenario: "depart", flow: options.flow },
    ],
    processor: options.processor,
  });
  const config = { ...loadTest.script.config, target: capturedBaseUrl(target, env) };
  return { ...loadTest, script: { ...loadTest.script, config } };
}

/**
 * No objective is published for a captured endpoint: each is held to the bar the orders' writes
 * have (p95 under 100 ms, `PERF_P95_MS` to change it), beside errors under 1% and the captured
 * status nearly always.
 */
function capturedObjectives(env: ScenarioEnv, endpoints: readonly string[]): Objective[] {
  const p95 = envNumber(env, "PERF_P95_MS", 100, { min: 1 });
  return [
    ...endpoints.map((endpoint): Objective => ({
      name: `${endpoint} p95`,
      measure: { metric: endpointLatencyMetric(endpoint, "p95") },
      comparison: "<",
      limit: p95,
      unit: "ms",
    })),
    failedRequests("<", 0.01),
    expectedStatus(">", 0.99),
  ];
}

/** Any 2xx, for a request whose response was not captured. */
export const anySuccess = [200, 201, 202, 203, 204, 205, 206];

/**
 * The value at `path` of a JSON response body, for the next requests of the flow. Missing, it
 * throws: Artillery ends the virtual user as failed rather than send a request with "undefined".
 */
export function flowValue(
  body: unknown,
  path: readonly (string | number)[],
  what: string,
): string | number | boolean {
  let value: unknown;
  try {
    value = typeof body === "string" ? JSON.parse(body) : body;
  } catch {
    value = undefined;
  }
  for (const step of path) {
    value =
      typeof value === "object" && value !== null
        ? (value as Record<string | number, unknown>)[step]
        : undefined;
  }
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") {
    return value;
  }
  throw new Error(`no ${what} in the response, so the flow cannot go on`);
}

/**
 * A new `Idempotency-Key` for every request: a captured key sent again would make the service
 * replay its first answer, and the load would never reach the write. UUID-shaped, like most keys.
 */
export function freshIdempotencyKey(): string {
  return crypto.randomUUID();
}

export interface MultipartPart {
  name: string;
  filename?: string;
  contentType?: string;
  content: string | Uint8Array;
}

/** A multipart/form-data body, parts in the captured order, with its boundary. */
export function multipartBody(parts: readonly MultipartPart[]): {
  body: Buffer;
  contentType: string;
} {
  const boundary = `----qaops${crypto.randomUUID().replaceAll("-", "")}`;
  const quoted = (text: string) => text.replace(/[\r\n"]/g, (char) => encodeURIComponent(char));
  const chunks = parts.flatMap((part) => {
    const filename = part.filename === undefined ? "" : `; filename="${quoted(part.filename)}"`;
    const type = part.contentType === undefined ? "" : `\r\nContent-Type: ${part.contentType}`;
    return [
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${quoted(part.name)}"${filename}${type}\r\n\r\n`,
      ),
      Buffer.from(part.content),
      Buffer.from("\r\n"),
    ];
  });
  return {
    body: Buffer.concat([...chunks, Buffer.from(`--${boundary}--\r\n`)]),
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}

/**
 * A file a request sends, read when first sent (relative to the folder `qaops perf` runs in)
 * and kept for the rest of the run.
 */
export function fileBytes(path: string): () => Buffer {
  let bytes: Buffer | undefined;
  return () => (bytes ??= readFileSync(path));
}

export function fileText(path: string): () => string {
  let text: string | undefined;
  return () => (text ??= readFileSync(path, "utf8"));
}
