import { formatExpectation, formatValue, groupThousands } from "../summary/format-value.ts";
import type { StressBreakpoint } from "./stress-breakpoint.ts";

/** The stress verdict for `summary.md` and the terminal: where the objectives broke. */
export function renderBreakpointMarkdown(breakpoint: StressBreakpoint): string {
  const rate = (value: number | undefined) =>
    value === undefined ? "–" : `${groupThousands(value)}/s`;
  const verdict =
    breakpoint.brokeAtRate === undefined
      ? `#### Stress: objectives held at the top step, ${rate(breakpoint.lastHeldRate)}`
      : `#### Stress: objectives broke at ${rate(breakpoint.brokeAtRate)}` +
        (breakpoint.lastHeldRate === undefined
          ? " (the first step)"
          : `; last step held: ${rate(breakpoint.lastHeldRate)}`);
  const headline =
    breakpoint.recoveredRates.length === 0
      ? verdict
      : `${verdict} (broke briefly and recovered at ${breakpoint.recoveredRates.map(rate).join(", ")})`;
  const rows = breakpoint.steps.map((step) => {
    const achieved =
      step.achievedRate === undefined ? "–" : `${groupThousands(step.achievedRate, 1)}/s`;
    const broken = step.broken
      .map(
        (b) =>
          `${b.name} ${formatValue(b.actual, b.unit)} (objective ${formatExpectation(b.comparison, b.limit, b.unit)})`,
      )
      .join("<br>");
    return `| ${rate(step.rate)} | ${achieved} | ${step.broken.length === 0 ? "✅ held" : `❌ ${broken}`} |`;
  });
  return [headline, "", "| step | achieved | objectives |", "|---:|---:|---|", ...rows].join("\n");
}
