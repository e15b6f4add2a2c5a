/** The fidelity run as a table and totals, with every captured secret value masked. */
import { redact } from "../../../src/shared/redact.ts";
import { FIDELITY_CLASSES } from "./classify-case.ts";
import type { CaseResult, FidelityRun } from "./fidelity-check.ts";
import { NORMALISATION_RULES } from "./wire-normalisation.ts";

const reasonWidth = 110;

export function formatFidelityReport(
  run: FidelityRun,
  options: { verbose?: boolean } = {},
): string {
  const idWidth = Math.max(4, ...run.results.map((result) => result.id.length));
  const lines = [
    `${"case".padEnd(idWidth)}  ${"verdict".padEnd(18)}  curl/test  tests  reason`,
    ...run.results.flatMap((result) => [
      formatRow(result, idWidth),
      ...(options.verbose
        ? result.details.map((line) => `    ${redact(line, result.secretValues)}`)
        : []),
    ]),
    "",
    ...formatRules(run),
    "",
    formatTotals(run),
  ];
  return lines.join("\n");
}

function formatRow(result: CaseResult, idWidth: number): string {
  const sent = `${result.curlRequests}/${result.testRequests}`.padEnd(9);
  const tests =
    result.tests === undefined
      ? "-".padEnd(5)
      : `${result.tests.passed}/${result.tests.passed + result.tests.failed}`.padEnd(5);
  const reason = redact(result.verdict.reason, result.secretValues);
  const shown = reason.length > reasonWidth ? `${reason.slice(0, reasonWidth - 3)}...` : reason;
  return `${result.id.padEnd(idWidth)}  ${result.verdict.verdict.padEnd(18)}  ${sent}  ${tests}  ${shown}`;
}

function formatRules(run: FidelityRun): string[] {
  const lines = ["normalisation rules applied (cases):"];
  for (const rule of Object.values(NORMALISATION_RULES)) {
    const count = run.results.filter((result) => result.rules.includes(rule.id)).length;
    lines.push(`  ${rule.id.padEnd(22)} ${String(count).padStart(4)}`);
  }
  return lines;
}

function formatTotals(run: FidelityRun): string {
  const counts = FIDELITY_CLASSES.map((verdict) => `${verdict} ${run.totals[verdict]}`).join(", ");
  const equal = run.totals.equal + run.totals["equal-but-redacted"];
  const share = (run.equalShare * 100).toFixed(1);
  return (
    `${run.results.length} cases: ${counts}. ` +
    `Equal or redacted: ${share}% of the ${run.curlRunnable} cases curl can run ` +
    `(${equal} in all). ${run.seconds.toFixed(1)}s.`
  );
}
