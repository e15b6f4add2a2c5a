import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { describe, it } from "node:test";
import { listScenarios, scenarioPath } from "./scenario-files.ts";

describe("scenario files", () => {
  it("lists the scenarios qaops perf can run", () => {
    assert.deepEqual(listScenarios(), ["daily-peak", "smoke", "soak", "spike", "stress"]);
    for (const name of listScenarios()) assert.ok(existsSync(scenarioPath(name)), name);
  });
});
