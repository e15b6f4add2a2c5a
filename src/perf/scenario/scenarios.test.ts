import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { artilleryPhases } from "../load-shape/artillery-phases.ts";
import { buildLoadTest } from "../runner/load-test-script.ts";
import { listScenarios, scenarioPath } from "../runner/scenario-files.ts";

// Every scenario of tests/perf/scenarios/ built with its defaults: the objectives must sit in
// config.plugins.ensure (Artillery ignores a top-level config.ensure without a word), and the
// phases Artillery runs must be the ones qaops checks the arrivals against.
const env = { DEMO_PORT: "4310" };

describe("the load scenarios", () => {
  for (const name of listScenarios()) {
    it(`${name}: objectives in config.plugins.ensure, phases from its plan`, async () => {
      const loadTest = await buildLoadTest(scenarioPath(name), env);
      const config = loadTest.script.config ?? {};
      assert.equal(config.ensure, undefined);
      assert.deepEqual(config.plugins?.ensure?.conditions?.length, loadTest.objectives.length);
      assert.ok(loadTest.objectives.length > 0);
      if (loadTest.plan) {
        assert.deepEqual(loadTest.phases, artilleryPhases(loadTest.plan));
        assert.deepEqual(config.phases, loadTest.phases);
      }
      assert.equal(config.target, "http://127.0.0.1:4310");
    });
  }

  it("stops on a bad setting, naming the variable", async () => {
    await assert.rejects(
      buildLoadTest(scenarioPath("daily-peak"), { PERF_PEAK_RATE: "abc" }),
      /PERF_PEAK_RATE must be a number ≥ 1, got "abc"/,
    );
  });
});
