const unitSeconds: Record<string, number> = { h: 3600, m: 60, s: 1 };

/**
 * `90s`, `2m`, `1h30m`, `8h` (hours, minutes and seconds, no sub-second units) or a bare
 * number of seconds → whole seconds; undefined when the text is not a duration.
 */
export function parseDurationSeconds(text: string): number | undefined {
  const trimmed = text.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  if (!/^(\d+h)?(\d+m)?(\d+s)?$/.test(trimmed) || trimmed === "") return undefined;
  let seconds = 0;
  for (const [, amount, unit] of trimmed.matchAll(/(\d+)([hms])/g)) {
    seconds += Number(amount) * (unitSeconds[unit ?? "s"] ?? 1);
  }
  return seconds;
}

/** Whole seconds → the shortest duration text, e.g. 5400 → `1h30m`. */
export function formatDuration(totalSeconds: number): string {
  const seconds = Math.round(totalSeconds);
  if (seconds === 0) return "0s";
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = seconds % 60;
  return `${hours ? `${hours}h` : ""}${minutes ? `${minutes}m` : ""}${rest ? `${rest}s` : ""}`;
}
