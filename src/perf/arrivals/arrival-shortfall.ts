import type { RampPhase } from "../load-shape/artillery-phases.ts";
import { plannedArrivals } from "../load-shape/artillery-phases.ts";
import { arrivalSliceMs } from "../runner/result-files.ts";

/**
 * The share of a phase's planned arrivals the generator may miss before the run is judged
 * saturated. Artillery does not drop arrivals it cannot send on time: it sends them late, so a
 * starved generator reads as a calm service unless planned and achieved are compared.
 */
const allowedShortfall = 0.02;

/** When a phase began and ended (epoch ms), as Artillery announced it. */
export interface PhaseTime {
  index: number;
  startedAt?: number;
  endedAt?: number;
}

/** Arrivals counted in one slice of time (epoch ms), as the scenarios' processor logs them. */
export interface ArrivalCount {
  atMs: number;
  count: number;
}

export interface PhaseArrivals {
  index: number;
  name: string;
  plannedArrivals: number;
  /** Of the phase's planned arrivals, those sent by the time the phase ended. */
  achievedArrivals: number;
  /** Planned arrivals per second, on average over the phase. */
  plannedRate: number;
  achievedRate: number;
  /** (planned − achieved) / planned. */
  shortfall: number;
}

export interface ArrivalCheck {
  phases: PhaseArrivals[];
  /** The first phase more than `allowedShortfall` short, when there is one. */
  saturated?: { phase: number; achievedRate: number; plannedRate: number };
}

/**
 * Per phase, how many of its planned arrivals were sent before it ended. Artillery sends arrivals
 * in order, so the phase owns arrivals number C(p−1)+1 … C(p) of the run, where C is the planned
 * count so far; those sent by its end (plus two log slices, for timers that fire a little late)
 * count as achieved. Arrivals a starved generator sends after that are the shortfall.
 */
export function checkArrivals(input: {
  phases: readonly RampPhase[];
  times: readonly PhaseTime[];
  arrivals: readonly ArrivalCount[];
  /** Artillery's local workers, which split each phase's rates among them. */
  workers: number;
}): ArrivalCheck {
  const sorted = [...input.arrivals].sort((a, b) => a.atMs - b.atMs);
  const sentBy = (ms: number) =>
    sorted.filter((a) => a.atMs < ms).reduce((total, a) => total + a.count, 0);
  const result: PhaseArrivals[] = [];
  let plannedBefore = 0;
  for (const [index, phase] of input.phases.entries()) {
    const end = phaseEnd(index, phase, input.times);
    if (end === undefined) break;
    const planned = plannedArrivals(phase, input.workers);
    const sent = sentBy(end + 2 * arrivalSliceMs) - plannedBefore;
    const achieved = Math.min(planned, Math.max(0, sent));
    result.push({
      index,
      name: phase.name,
      plannedArrivals: planned,
      achievedArrivals: achieved,
      plannedRate: planned / phase.duration,
      achievedRate: achieved / phase.duration,
      shortfall: planned === 0 ? 0 : (planned - achieved) / planned,
    });
    plannedBefore += planned;
  }
  const short = result.find((phase) => phase.shortfall > allowedShortfall);
  return {
    phases: result,
    ...(short
      ? {
          saturated: {
            phase: short.index,
            achievedRate: short.achievedRate,
            plannedRate: short.plannedRate,
          },
        }
      : {}),
  };
}

/** When the phase ended; from its start and planned length when its end was not announced. */
function phaseEnd(index: number, phase: RampPhase, times: readonly PhaseTime[]) {
  const ended = times.find((t) => t.index === index && t.endedAt !== undefined)?.endedAt;
  if (ended !== undefined) return ended;
  const started = times.find((t) => t.index === index && t.startedAt !== undefined)?.startedAt;
  return started === undefined ? undefined : started + phase.duration * 1000;
}

/** The generator's verdict, as the terminal, summary.md and the Slack message say it. */
export function saturationMessage(check: ArrivalCheck): string | undefined {
  const saturated = check.saturated;
  if (!saturated) return undefined;
  return (
    `load generator saturated at ${Math.round(saturated.achievedRate)} req/s ` +
    `(planned ${Math.round(saturated.plannedRate)} req/s in phase ${saturated.phase + 1}): ` +
    "the figures describe the generator's limit, not the service's"
  );
}
