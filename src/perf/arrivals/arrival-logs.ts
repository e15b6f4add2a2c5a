import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { arrivalLogPrefix, resultFiles } from "../runner/result-files.ts";
import type { ArrivalCount, PhaseTime } from "./arrival-shortfall.ts";

/** Every worker's arrival log in a results folder, as one list of slices (not merged). */
export function readArrivalLogs(resultsDir: string): ArrivalCount[] {
  return readdirSync(resultsDir)
    .filter((file) => file.startsWith(arrivalLogPrefix))
    .flatMap((file) => readFileSync(join(resultsDir, file), "utf8").split("\n"))
    .flatMap((line) => {
      const [atMs, count] = line.split(" ").map(Number);
      return atMs !== undefined && count !== undefined && count > 0 ? [{ atMs, count }] : [];
    });
}

export function readPhaseTimes(resultsDir: string): PhaseTime[] {
  const file = join(resultsDir, resultFiles.phaseTimes);
  if (!existsSync(file)) return [];
  return readFileSync(file, "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as PhaseTime);
}

/** Arrivals per whole second since the first phase began: the achieved curve of the report. */
export function arrivalsPerSecond(arrivals: readonly ArrivalCount[], originMs: number): number[] {
  const seconds: number[] = [];
  for (const { atMs, count } of arrivals) {
    const second = Math.floor((atMs - originMs) / 1000);
    if (second >= 0) seconds[second] = (seconds[second] ?? 0) + count;
  }
  return Array.from(seconds, (count) => count ?? 0);
}
