// An Artillery custom reporter (named in CUSTOM_REPORTERS by qaops): it appends when each phase
// began and ended to the results folder, so the arrivals of each phase can be checked against
// the time the phase really had.
import { appendFileSync } from "node:fs";
import type { EventEmitter } from "node:events";
import { join } from "node:path";
import { resultFiles } from "./result-files.ts";

interface PhaseEvent {
  index?: number;
  startTime?: number;
  endTime?: number;
}

/** Artillery keeps what a reporter factory returns and calls its optional `cleanup` at exit. */
export default function recordPhaseTimes(events: EventEmitter): object {
  const dir = process.env.PERF_RESULTS_DIR;
  if (!dir) return {};
  const append = (line: object) =>
    appendFileSync(join(dir, resultFiles.phaseTimes), `${JSON.stringify(line)}\n`);
  events.on("phaseStarted", (phase: PhaseEvent) => {
    append({ index: phase.index, startedAt: phase.startTime ?? Date.now() });
  });
  events.on("phaseCompleted", (phase: PhaseEvent) => {
    append({ index: phase.index, endedAt: phase.endTime ?? Date.now() });
  });
  return {};
}
