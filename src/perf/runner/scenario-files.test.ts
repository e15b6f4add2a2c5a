import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { mkdtemp, mkdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import {
  listScenarios,
  runnableScenarioPath,
  runnableScenarios,
  scenarioPath,
} from "./scenario-files.ts";

describe("scenario files", () => {
  it("lists the scenarios qaops perf can run", () => {
    assert.deepEqual(listScenarios(), ["daily-peak", "smoke", "soak", "spike", "stress"]);
    for (const name of listScenarios()) assert.ok(existsSync(scenarioPath(name)), name);
  });

  it("runs the scenarios qaops convert --load wrote as captured/<service>", async () => {
    const root = await mkdtemp(join(tmpdir(), "qaops-scenarios-"));
    try {
      const dirs = { scenarios: join(root, "scenarios"), captured: join(root, "captured") };
      await mkdir(dirs.scenarios);
      await writeFile(join(dirs.scenarios, "smoke.ts"), "");
      assert.deepEqual(runnableScenarios(dirs), ["smoke"], "no captured folder yet");
      await mkdir(dirs.captured);
      await writeFile(join(dirs.captured, "order.ts"), "");
      await writeFile(join(dirs.captured, "shop.ts"), "");
      assert.deepEqual(runnableScenarios(dirs), ["smoke", "captured/order", "captured/shop"]);
      assert.equal(runnableScenarioPath("captured/order", dirs), join(dirs.captured, "order.ts"));
      assert.equal(runnableScenarioPath("smoke", dirs), join(dirs.scenarios, "smoke.ts"));
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
