/**
 * A planned arrival rate over time, in arrivals per second: what Artillery's phases are built
 * from, what the chart draws as the target curve, and what the stress analysis
 * cuts into steps. Each stage moves linearly from the previous rate to its `target`.
 */
export interface ArrivalPlan {
  startRate: number;
  stages: ArrivalStage[];
}

export interface ArrivalStage {
  durationSeconds: number;
  target: number;
}

/** A stretch of the plan held at one rate: a stress step, a soak, a spike's top. */
export interface HoldSegment {
  fromSecond: number;
  toSecond: number;
  rate: number;
}

export function planDurationSeconds(plan: ArrivalPlan): number {
  return plan.stages.reduce((total, stage) => total + stage.durationSeconds, 0);
}

export function peakRateOf(plan: ArrivalPlan): number {
  return Math.max(plan.startRate, ...plan.stages.map((stage) => stage.target));
}

/** The planned rate at a moment of the run; the last target after the plan ends. */
export function plannedRateAt(plan: ArrivalPlan, second: number): number {
  let rate = plan.startRate;
  let stageStart = 0;
  for (const stage of plan.stages) {
    const stageEnd = stageStart + stage.durationSeconds;
    if (second < stageEnd) {
      if (stage.durationSeconds === 0) return stage.target;
      const progress = Math.max(0, second - stageStart) / stage.durationSeconds;
      return rate + (stage.target - rate) * progress;
    }
    rate = stage.target;
    stageStart = stageEnd;
  }
  return rate;
}

/** The stages that keep the rate constant, in order; a stress run's steps. */
export function holdSegments(plan: ArrivalPlan): HoldSegment[] {
  const segments: HoldSegment[] = [];
  let rate = plan.startRate;
  let second = 0;
  for (const stage of plan.stages) {
    if (stage.target === rate && stage.durationSeconds > 0) {
      segments.push({ fromSecond: second, toSecond: second + stage.durationSeconds, rate });
    }
    rate = stage.target;
    second += stage.durationSeconds;
  }
  return segments;
}

/** Whole seconds that add up to `totalSeconds` exactly, spread as evenly as possible. */
export function splitSeconds(totalSeconds: number, parts: number): number[] {
  const base = Math.floor(totalSeconds / parts);
  const remainder = totalSeconds - base * parts;
  return Array.from({ length: parts }, (_, index) => base + (index < remainder ? 1 : 0));
}
