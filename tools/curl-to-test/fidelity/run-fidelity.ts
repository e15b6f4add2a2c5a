// Prints the fidelity table: `node tools/curl-to-test/fidelity/run-fidelity.ts [--keep] [--verbose] [filter]`.
// --verbose lists every difference, curl problem and warning under its case (secrets masked);
// --keep leaves the run's files in .qaops/fidelity/ to inspect; a filter keeps matching case ids.
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import { runFidelityCheck } from "./fidelity-check.ts";
import { readFidelityCases } from "./fidelity-cases.ts";
import { formatFidelityReport } from "./fidelity-report.ts";

const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));
const args = process.argv.slice(2);
const keep = args.includes("--keep");
const filter = args.find((arg) => !arg.startsWith("--"));
const cases = readFidelityCases(repoRoot).filter((each) => !filter || each.id.includes(filter));
const run = await runFidelityCheck({
  cases,
  workDirectory: join(repoRoot, ".qaops", "fidelity"),
  keepWorkDirectory: keep,
});
console.log(formatFidelityReport(run, { verbose: args.includes("--verbose") }));
if (run.runnerProblem) console.log(`\nPlaywright did not run the specs:\n${run.runnerProblem}`);
