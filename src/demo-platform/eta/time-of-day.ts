/** The delivery day's periods; the peaks are where couriers are slowest. */
export type DayPeriod =
  "night" | "morning" | "lunch-peak" | "afternoon" | "dinner-peak" | "evening";

export interface TimeOfDay {
  period: DayPeriod;
  /** Multiplies travel time. */
  factor: number;
}

/** The demo platform's shops are in Seoul, so the day is read in KST (UTC+9, no DST). */
const kstOffsetHours = 9;

const periods: readonly { fromHour: number; period: DayPeriod; factor: number }[] = [
  { fromHour: 0, period: "night", factor: 0.85 },
  { fromHour: 7, period: "morning", factor: 1 },
  { fromHour: 11, period: "lunch-peak", factor: 1.3 },
  { fromHour: 14, period: "afternoon", factor: 1 },
  { fromHour: 17, period: "dinner-peak", factor: 1.35 },
  { fromHour: 21, period: "evening", factor: 1.1 },
];

/** Derived from the request clock only, so the same instant always predicts the same. */
export function timeOfDay(at: Date): TimeOfDay {
  const hour = (at.getUTCHours() + kstOffsetHours) % 24;
  let current = periods[0]!;
  for (const candidate of periods) if (hour >= candidate.fromHour) current = candidate;
  return { period: current.period, factor: current.factor };
}
