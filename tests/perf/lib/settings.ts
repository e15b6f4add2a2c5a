import { parseDurationSeconds } from "../../../src/perf/load-shape/duration.ts";

/**
 * Scenario settings come from `__ENV` (`qaops perf` flags set them; `k6 run -e NAME=value` does
 * too). A bad value stops the run at init with the variable's name, never a silent default.
 */
export function envNumber(name: string, fallback: number, options: { min?: number } = {}): number {
  const raw = __ENV[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  const min = options.min ?? 0;
  if (!Number.isFinite(value) || value < min) {
    throw new Error(`${name} must be a number ≥ ${min}, got "${raw}"`);
  }
  return value;
}

export function envInteger(name: string, fallback: number, options: { min?: number } = {}): number {
  const value = envNumber(name, fallback, options);
  if (!Number.isInteger(value)) throw new Error(`${name} must be a whole number, got "${value}"`);
  return value;
}

/** `90s`, `2m`, `1h30m` or plain seconds → whole seconds. */
export function envDurationSeconds(name: string, fallback: string): number {
  const raw = __ENV[name] || fallback;
  const seconds = parseDurationSeconds(raw);
  if (seconds === undefined || seconds <= 0) {
    throw new Error(`${name} must be a duration such as 90s, 10m or 1h30m, got "${raw}"`);
  }
  return seconds;
}
