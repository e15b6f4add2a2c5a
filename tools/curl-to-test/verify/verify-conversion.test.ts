// End to end through the real Playwright runner: journeys captured on the demo platform,
// converted with the capture replayed there, pass 3 runs in a row against that one live
// platform (no restart), type-check and lint clean, and fail behind a proxy that breaks one
// field of the contract only an inferred invariant knows.
import assert from "node:assert/strict";
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { startDemoPlatform } from "../../../src/demo-platform/platform.ts";
import type { DemoPlatform } from "../../../src/demo-platform/platform.ts";
import { convertCaptures } from "../convert-captures.ts";
import type { ConversionResult } from "../convert-captures.ts";
import { startMutatingProxy } from "../llm/testing/mutating-proxy.ts";
import type { MutatingProxy } from "../llm/testing/mutating-proxy.ts";
import { captureReplayer } from "../record/replay-capture.ts";
import { captureJourneys } from "../testing/demo-journeys.ts";
import { lint, repositoryWorkDir, typeCheck } from "../testing/repository-tools.ts";
import { writeConversion } from "../write-conversion.ts";
import { verifyConversion } from "./verify-conversion.ts";

const workDir = repositoryWorkDir("verify-conversion");
const token = "verify-test-token";

describe("generated tests against one live demo platform", () => {
  let platform: DemoPlatform;
  let inverted: MutatingProxy;
  let result: ConversionResult;
  const outDir = join(workDir, "eta");

  before(async () => {
    platform = await startDemoPlatform({ port: 0, apiToken: token });
    inverted = await startMutatingProxy({
      target: platform.services.eta.url,
      mutate: ({ path, body }) => {
        const etas = (body as { etas?: { minMinutes: number; maxMinutes: number }[] }).etas;
        if (!path.endsWith("/approximate") || !etas) return undefined;
        for (const eta of etas) eta.minMinutes = eta.maxMinutes + 5;
        return body;
      },
    });
    const eta = (await captureJourneys(platform, token)).find((c) => c.name === "eta.har")!;
    result = await convertCaptures({
      inputs: [{ name: eta.name, text: eta.text }],
      service: "eta",
      recordResponses: captureReplayer({ target: platform.services.eta.url }),
    });
    await writeConversion({ outDir, specs: result.specs, envVars: result.plan.envVars });
  });
  after(async () => {
    await inverted.close();
    await platform.close();
    await rm(workDir, { recursive: true, force: true });
  });

  it("keeps the ETA journey whole: the manual setting is read back in the same test", () => {
    assert.equal(result.plan.specs[0]?.kind, "flow");
    const text = result.specs[0]!.text;
    assert.match(text, /minutes: 35/, "the precise ETA reads back the manual 35 minutes");
    assert.match(text, /invariant: each etas item: maxMinutes ≥ minMinutes/);
  });

  it("type-checks and lints clean", async () => {
    const checked = await typeCheck(workDir);
    assert.equal(checked.code, 0, checked.output);
    const linted = await lint([outDir]);
    assert.equal(linted.code, 0, linted.output);
  });

  it("passes 3 runs in a row, and says so test by test", async () => {
    const verified = await verifyConversion({
      plan: result.plan,
      specs: result.specs,
      outDir,
      baseURL: platform.services.eta.url,
      runs: 3,
      secrets: result.capturedSecrets,
    });
    assert.equal(verified.unstable + verified.failing, 0, verified.lines.join("\n"));
    assert.deepEqual(verified.changes, []);
    assert.ok(verified.lines.slice(1).every((line) => line.startsWith("  stable ")));
    assert.ok(!verified.lines.join("\n").includes(token), "no secret in the report");
  });

  it("fails behind a proxy that inverts the ETA bands", async () => {
    const verified = await verifyConversion({
      plan: result.plan,
      specs: result.specs,
      outDir,
      baseURL: inverted.url,
      runs: 1,
      secrets: result.capturedSecrets,
    });
    assert.equal(verified.failing, 1, verified.lines.join("\n"));
    assert.match(
      verified.lines.join("\n"),
      /failing .*invariant: each etas item: maxMinutes ≥ minMinutes/,
    );
  });
});
