// Specs rendered from a refined plan type-check, lint clean and pass against the demo platform,
// and their business rules catch a contract break that no value assertion covers. A flow the
// model grouped and correlated type-checks and lints too.
import assert from "node:assert/strict";
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { startDemoPlatform } from "../../../src/demo-platform/platform.ts";
import type { DemoPlatform } from "../../../src/demo-platform/platform.ts";
import { convertCaptures } from "../convert-captures.ts";
import type { ConversionResult } from "../convert-captures.ts";
import { runPlaywrightConfig, writePlaywrightConfig } from "../testing/playwright-projects.ts";
import { lint, repositoryWorkDir, typeCheck } from "../testing/repository-tools.ts";
import { writeConversion } from "../write-conversion.ts";
import { resolveLlmOptions } from "./llm-options.ts";
import { modelPlanRefiner } from "./refine-plan.ts";
import { captureDemoService } from "./testing/demo-captures.ts";
import { startFakeOpenAiServer } from "./testing/fake-openai-server.ts";
import type { FakeOpenAiServer } from "./testing/fake-openai-server.ts";
import { startMutatingProxy } from "./testing/mutating-proxy.ts";
import type { MutatingProxy } from "./testing/mutating-proxy.ts";
import { quoteCaptureHar, quoteFlowRefinement } from "./testing/quote-capture-fixture.ts";
import { reviewDemoCapture } from "./testing/scripted-reviewer.ts";

// Inside the repository so the specs resolve @playwright/test and zod from its node_modules.
const workDir = repositoryWorkDir("llm-refined-specs");
const token = "refined-specs-token";

describe("specs of a refined plan, run against the demo platform", () => {
  let platform: DemoPlatform;
  let model: FakeOpenAiServer;
  let broken: MutatingProxy;
  let refined: ConversionResult;

  before(async () => {
    platform = await startDemoPlatform({ port: 0, apiToken: token });
    model = await startFakeOpenAiServer({
      replies: (request) => ({
        kind: "json",
        content: request.bodyText.includes("/v1/quotes")
          ? quoteFlowRefinement
          : reviewDemoCapture(request),
      }),
    });
    // One line of every order is priced wrong: a break only a business rule can see.
    broken = await startMutatingProxy({
      target: platform.services.order.url,
      mutate: ({ body }) => {
        const order = body as { items?: { lineTotal?: number }[]; subtotal?: number };
        const line = order.items?.[0];
        if (order.subtotal === undefined || line?.lineTotal === undefined) return undefined;
        line.lineTotal += 500;
        return order;
      },
    });
    const inputs = [
      { name: "order.har", text: await captureDemoService(platform, "order", token) },
    ];
    const refiner = modelPlanRefiner(
      resolveLlmOptions({ apiKey: "k", baseURL: model.baseURL, cacheDir: null }, {}),
    );
    refined = await convertCaptures({ inputs, service: "order", refinePlan: refiner.refinePlan });
    // A flow the model grouped and correlated: type-checked and linted with the rest.
    const quotes = await convertCaptures({
      inputs: [{ name: "quotes.har", text: quoteCaptureHar }],
      service: "shop",
      refinePlan: refiner.refinePlan,
    });
    await rm(workDir, { recursive: true, force: true });
    await writeConversion({ outDir: join(workDir, "quotes"), specs: quotes.specs, envVars: [] });
    await writeConversion({
      outDir: join(workDir, "refined"),
      specs: refined.specs,
      envVars: refined.plan.envVars,
    });
  });

  after(async () => {
    await broken.close();
    await model.close();
    await platform.close();
    await rm(workDir, { recursive: true, force: true });
  });

  it("refines the plan with no warning", () => {
    // The deterministic plan's only ones: no captured order was cancelled.
    assert.deepEqual(
      refined.warnings.filter(
        (warning) => !warning.message.startsWith("response fields seen only as null"),
      ),
      [],
    );
    assert.deepEqual(refined.failures, []);
    assert.deepEqual(refined.plan.refinedBy, { model: "gpt-4o-mini" });
  });

  it("type-checks, lints clean, passes on the platform and fails only where the rule sees the break", async () => {
    const config = await writePlaywrightConfig({
      dir: workDir,
      projects: [
        { name: "refined@platform", testDir: "./refined", baseURL: platform.services.order.url },
        { name: "refined@broken", testDir: "./refined", baseURL: broken.url },
      ],
    });
    const [typeCheckRun, lintRun, playwright] = await Promise.all([
      typeCheck(workDir),
      lint([workDir]),
      runPlaywrightConfig(config, { ORDER_AUTHORIZATION_TOKEN: token }),
    ]);
    assert.equal(typeCheckRun.code, 0, typeCheckRun.output);
    assert.equal(lintRun.code, 0, lintRun.output);
    assert.notEqual(playwright.code, 0, "the broken platform fails a test");

    const report = new Map(
      playwright.tests.map((test) => [
        `${test.project} ${test.file} ${test.title}`,
        test.status ?? "",
      ]),
    );
    const failed = [...report].filter(([, status]) => status !== "passed").map(([key]) => key);
    assert.deepEqual(failed, [
      "refined@broken create-order-flow.spec.ts a member places an order and reads it back",
    ]);
    const refinedTests = [...report.keys()].filter((key) => key.startsWith("refined@platform"));
    assert.deepEqual(refinedTests.sort(), [
      "refined@platform create-order-flow.spec.ts a member places an order and reads it back",
      "refined@platform create-order-flow.spec.ts refuses a line with quantity 0 → 400",
      "refined@platform create-order-flow.spec.ts refuses a request without a bearer token → 401",
      "refined@platform get-shop-menu.spec.ts answers 404 for one that does not exist → 404",
      "refined@platform get-shop-menu.spec.ts refuses a request without a bearer token → 401",
      "refined@platform get-shop-menu.spec.ts shows the menu an order is placed from",
    ]);
    assert.ok(broken.mutated > 0);
  });
});
