import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { plannedArrivals } from "../load-shape/artillery-phases.ts";
import { artilleryBin, artilleryEnv, artilleryRunArgs } from "./artillery-process.ts";
import { distributedCommand, perWorkerLoadTest } from "./distributed-run.ts";
import { buildLoadTest } from "./load-test-script.ts";
import { scenarioPath } from "./scenario-files.ts";

// The commands qaops hands Artillery's cloud runners, checked without reaching any cloud.
describe("a run split over Artillery's cloud workers", () => {
  it("runs Fargate and ACI workers through the checkout's Artillery, telemetry off", () => {
    const fargate = artilleryRunArgs({
      command: distributedCommand({ platform: "fargate", count: 4, region: "eu-west-1" }),
      scriptPath: "perf-results/daily-peak/t/script.json",
      outputPath: "perf-results/daily-peak/t/artillery.json",
      args: [],
    });
    assert.match(artilleryBin(), /node_modules\/artillery\/bin\/run$/);
    assert.deepEqual(fargate.slice(1), [
      "run-fargate",
      "--count",
      "4",
      "--region",
      "eu-west-1",
      "--output",
      "perf-results/daily-peak/t/artillery.json",
      "perf-results/daily-peak/t/script.json",
    ]);
    assert.deepEqual(distributedCommand({ platform: "aci", count: 2, region: "westeurope" }), [
      "run-aci",
      "--count",
      "2",
      "--region",
      "westeurope",
    ]);
    const env = artilleryEnv({ ARTILLERY_DISABLE_TELEMETRY: undefined });
    assert.equal(env.ARTILLERY_DISABLE_TELEMETRY, "true");
  });

  it("gives each worker its share of the plan, since every cloud worker runs the whole script", async () => {
    const whole = await buildLoadTest(scenarioPath("daily-peak"), {
      PERF_PEAK_RATE: "4000",
      PERF_DURATION: "30m",
    });
    const share = perWorkerLoadTest(whole, 4);
    const peak = (phases: typeof whole.phases) => Math.max(...phases.map((p) => p.rampTo));
    assert.equal(peak(whole.phases), 4000);
    assert.equal(peak(share.phases), 1000);
    assert.deepEqual(share.script.config?.phases, share.phases);
    const total = (phases: typeof whole.phases) =>
      phases.reduce((sum, phase) => sum + plannedArrivals(phase), 0);
    assert.ok(Math.abs(4 * total(share.phases) - total(whole.phases)) / total(whole.phases) < 0.01);
  });
});
