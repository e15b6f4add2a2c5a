import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { localWorkerCount } from "./artillery-process.ts";
import { saturatedExitCode } from "./perf-run.ts";
import { runPerfQuietly } from "../../../test-support/perf/quiet-perf-run.ts";
import { resultFiles } from "./result-files.ts";

// A generator made to fall behind on purpose: each arrival's flow holds its worker's event loop for
// 10 ms, so each worker sends at most ~100 arrivals a second against a plan of 200/s per worker.
// No request is sent anywhere. The run must fail as saturated, naming the rate it managed.
const workDir = mkdtempSync(join(tmpdir(), "qaops-perf-saturation-"));
after(() => rmSync(workDir, { recursive: true, force: true }));

const arrivalLog = fileURLToPath(
  new URL("../../../tests/perf/lib/arrival-log.ts", import.meta.url),
);
const loadTest = fileURLToPath(new URL("../scenario/load-test.ts", import.meta.url));
const phases = fileURLToPath(new URL("../load-shape/artillery-phases.ts", import.meta.url));

const rate = 200 * localWorkerCount();

function writeBusyScenario(): string {
  const processor = join(workDir, "busy-processor.ts");
  writeFileSync(
    processor,
    `export { arrive, depart } from ${JSON.stringify(arrivalLog)};
export async function busy() { const until = Date.now() + 10; while (Date.now() < until); }
`,
  );
  const scenario = join(workDir, "busy.ts");
  writeFileSync(
    scenario,
    `import type { LoadTest } from ${JSON.stringify(loadTest)};
import { artilleryPhases } from ${JSON.stringify(phases)};
export default function busy(): LoadTest {
  const plan = { startRate: ${rate}, stages: [{ durationSeconds: 4, target: ${rate} }] };
  const phases = artilleryPhases(plan);
  return {
    scenario: "busy", profile: "steady", plan, phases, objectives: [],
    script: {
      config: { target: "http://127.0.0.1:9", phases, processor: ${JSON.stringify(processor)} },
      scenarios: [{ name: "busy", beforeScenario: "arrive", afterScenario: "depart", flow: [{ function: "busy" }] }],
    },
  };
}
`,
  );
  return scenario;
}

describe("a load generator that cannot keep the plan", () => {
  it("fails the run as saturated and says at which rate", async () => {
    const result = await runPerfQuietly({
      scenario: "busy",
      scenarioPath: writeBusyScenario(),
      resultsRoot: join(workDir, "results"),
    });
    assert.equal(result.exitCode, saturatedExitCode);
    const phase = result.summary?.arrivals?.phases[0];
    assert.equal(phase?.plannedArrivals, 4 * rate);
    assert.ok((phase?.achievedArrivals ?? rate) < 3.5 * rate, `${phase?.achievedArrivals} in time`);
    assert.match(result.summary?.saturation ?? "", /^load generator saturated at \d+ req\/s/);
    const markdown = readFileSync(join(result.resultsDir, resultFiles.summaryMarkdown), "utf8");
    assert.match(markdown, /could not keep the plan/);
  });
});
