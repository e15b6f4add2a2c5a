import { check } from "k6";
import type { RefinedResponse, ResponseType } from "k6/http";
import type { ArrivalPlan } from "../../../src/perf/load-shape/arrival-plan.ts";
import { steadyLoad } from "../../../src/perf/load-shape/steady-load.ts";
import { loadObjectives } from "./objectives.ts";
import { envDurationSeconds, envInteger, envNumber } from "./settings.ts";
import { baseUrls } from "./targets.ts";

/**
 * What the scenarios `qaops convert --k6` writes share: where the captured service is, its
 * secrets from the environment, a short steady profile, objectives per captured endpoint, and
 * the checks that keep a flow's correlations honest. The generated files only arrange calls.
 */

type Response = RefinedResponse<ResponseType | undefined>;

/** A value of a response that later requests of the flow send. */
export type FlowValue = string | number | boolean;

export interface CapturedTarget {
  /** The API suites' variable, e.g. `ORDER_BASE_URL`. */
  baseUrlEnv: string;
  /** The service the capture was converted for, e.g. `order`. */
  service: string;
}

/**
 * `<SERVICE>_BASE_URL` without trailing slashes; unset, the demo platform's URL for a demo service
 * (as the API suites default), else "" and `assertCapturedSettings` stops the run naming it.
 */
export function capturedBaseUrl(target: CapturedTarget): string {
  const fromEnv = __ENV[target.baseUrlEnv];
  if (fromEnv) return fromEnv.replace(/\/+$/, "");
  return (baseUrls as Record<string, string | undefined>)[target.service] ?? "";
}

/**
 * For `setup()`: stops the run before any load when the target or a secret is missing, naming
 * every variable to set, rather than sending requests that can only fail.
 */
export function assertCapturedSettings(settings: {
  target: CapturedTarget;
  baseUrl: string;
  secrets: readonly string[];
}): void {
  const missing = [
    ...(settings.baseUrl ? [] : [settings.target.baseUrlEnv]),
    ...settings.secrets.filter((name) => !__ENV[name]),
  ];
  if (missing.length > 0) {
    throw new Error(
      `set ${missing.join(", ")} to run the scenario captured from ${settings.target.service} ` +
        "(the secrets are listed by name in the .env.example beside its specs)",
    );
  }
}

/** A secret of the capture; `assertCapturedSettings` has already stopped the run when unset. */
export function secret(name: string): string {
  return __ENV[name] ?? "";
}

/**
 * A steady arrival rate, short by default: a check that the captured traffic still goes through
 * under some load, not a soak. One iteration sends every captured request once, so the rate is
 * in captured sessions per second. `PERF_DURATION` and `PERF_PEAK_RATE` change it.
 */
export function capturedTrafficPlan(): ArrivalPlan {
  const durationSeconds = envDurationSeconds("PERF_DURATION", "30s");
  const rampSeconds = Math.max(1, Math.round(durationSeconds * 0.1));
  return steadyLoad({
    rate: envInteger("PERF_PEAK_RATE", 2, { min: 1 }),
    rampSeconds,
    holdSeconds: Math.max(1, durationSeconds - rampSeconds),
  });
}

/**
 * No objective is published for a captured endpoint: each is held to the bar the orders' writes
 * have (p95 under 100 ms, `PERF_P95_MS` to change it), beside the objectives every load run
 * holds (errors under 1%, checks, no dropped iteration).
 */
export function capturedObjectives(endpoints: readonly string[]): Record<string, string[]> {
  const p95 = [`p(95)<${envNumber("PERF_P95_MS", 100, { min: 1 })}`];
  return {
    ...Object.fromEntries(
      endpoints.map((endpoint) => [`http_req_duration{endpoint:${endpoint}}`, p95]),
    ),
    http_req_failed: loadObjectives.http_req_failed ?? [],
    checks: loadObjectives.checks ?? [],
    dropped_iterations: loadObjectives.dropped_iterations ?? [],
  };
}

/** The status the capture answered; any 2xx when no response was captured. */
export function expectStatus(response: Response, route: string, status: number | null): boolean {
  if (status === null) {
    return check(response, {
      [`${route} answers 2xx`]: (r) => r.status >= 200 && r.status < 300,
    });
  }
  return check(response, { [`${route} answers ${status}`]: (r) => r.status === status });
}

/**
 * The value at `path` of a JSON response, for the next requests of the flow; a failed check (and
 * undefined, so the flow stops) when the response has none, never a request sent with "undefined".
 */
export function flowValue(
  response: Response,
  path: readonly (string | number)[],
  what: string,
): FlowValue | undefined {
  let value: unknown;
  try {
    value = response.json();
  } catch {
    value = undefined;
  }
  for (const step of path) {
    if (typeof value !== "object" || value === null) {
      value = undefined;
      break;
    }
    value = (value as Record<string | number, unknown>)[step];
  }
  const found =
    typeof value === "string" || typeof value === "number" || typeof value === "boolean"
      ? value
      : undefined;
  check(response, { [`${what} for the next requests`]: () => found !== undefined });
  return found;
}

/**
 * A new `Idempotency-Key` for every request: a captured key sent again would make the service
 * replay its first answer, and the load would never reach the write. UUID-shaped, like most keys.
 */
export function freshIdempotencyKey(): string {
  const hex = randomHex(32);
  // Version 4, variant 10xx: what a validator of UUIDs expects.
  const variant = (8 + Math.floor(Math.random() * 4)).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20)}`;
}

function randomHex(length: number): string {
  return Array.from({ length }, () => Math.floor(Math.random() * 16).toString(16)).join("");
}

export interface MultipartTextPart {
  name: string;
  value: string;
  filename?: string;
  contentType?: string;
}

/**
 * A multipart/form-data body from text parts, built here because k6 sends an object body with no
 * file in it as a urlencoded form, not as the multipart form the capture sent.
 */
export function multipartText(parts: readonly MultipartTextPart[]): {
  body: string;
  contentType: string;
} {
  const boundary = `----qaops${randomHex(24)}`;
  const quoted = (text: string) => text.replace(/[\r\n"]/g, (char) => encodeURIComponent(char));
  const sections = parts.map((part) => {
    const filename = part.filename === undefined ? "" : `; filename="${quoted(part.filename)}"`;
    const type = part.contentType === undefined ? "" : `\r\nContent-Type: ${part.contentType}`;
    return (
      `--${boundary}\r\nContent-Disposition: form-data; name="${quoted(part.name)}"${filename}` +
      `${type}\r\n\r\n${part.value}\r\n`
    );
  });
  return {
    body: `${sections.join("")}--${boundary}--\r\n`,
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}
