import { openSync, writeSync } from "node:fs";
import { join } from "node:path";
import { threadId } from "node:worker_threads";
import { arrivalLogPrefix, arrivalSliceMs } from "../../../src/perf/runner/result-files.ts";

/* eslint-disable @typescript-eslint/require-await -- Artillery awaits a hook only when it is async */

/**
 * Runs in each Artillery worker: counts virtual-user arrivals per short time slice and appends
 * them to this worker's log in `PERF_RESULTS_DIR`, so qaops can compare what arrived in each
 * phase with what Artillery planned. Each line is `<slice start, epoch ms> <arrivals>`; a slice
 * may appear on several lines (the reader adds them up). Written as arrivals end too, so the
 * log is complete however abruptly the worker is stopped after the last one.
 */
const resultsDir = process.env.PERF_RESULTS_DIR;
let file: number | undefined;
let slice = -1;
let pending = 0;

/** `beforeScenario`: one virtual user arrived. */
export async function arrive(): Promise<void> {
  if (!resultsDir) return;
  const now = Math.floor(Date.now() / arrivalSliceMs) * arrivalSliceMs;
  if (now !== slice) {
    flush();
    slice = now;
  }
  pending++;
}

/** `afterScenario`: written as users leave, so the log is complete when the last one does. */
export async function depart(): Promise<void> {
  flush();
}

function flush(): void {
  if (!resultsDir || pending === 0) return;
  file ??= openSync(join(resultsDir, `${arrivalLogPrefix}${process.pid}-${threadId}.log`), "a");
  writeSync(file, `${slice} ${pending}\n`);
  pending = 0;
}
