import { parseDurationSeconds } from "../../../src/perf/load-shape/duration.ts";
import type { ScenarioEnv } from "../../../src/perf/scenario/load-test.ts";

/**
 * Scenario settings come from the environment `qaops perf` passes (its flags set `PERF_*`). A
 * bad value stops the run before any load with the variable's name, never a silent default.
 */
export function envNumber(
  env: ScenarioEnv,
  name: string,
  fallback: number,
  options: { min?: number } = {},
): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  const min = options.min ?? 0;
  if (!Number.isFinite(value) || value < min) {
    throw new Error(`${name} must be a number ≥ ${min}, got "${raw}"`);
  }
  return value;
}

export function envInteger(
  env: ScenarioEnv,
  name: string,
  fallback: number,
  options: { min?: number } = {},
): number {
  const value = envNumber(env, name, fallback, options);
  if (!Number.isInteger(value)) throw new Error(`${name} must be a whole number, got "${value}"`);
  return value;
}

/** `90s`, `2m`, `1h30m` or plain seconds → whole seconds. */
export function envDurationSeconds(env: ScenarioEnv, name: string, fallback: string): number {
  const raw = env[name] || fallback;
  const seconds = parseDurationSeconds(raw);
  if (seconds === undefined || seconds <= 0) {
    throw new Error(`${name} must be a duration such as 90s, 10m or 1h30m, got "${raw}"`);
  }
  return seconds;
}
