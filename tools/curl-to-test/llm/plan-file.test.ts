// A saved plan reads back as it was written, including what the test sends as curl did.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { ConversionPlan, PlannedExchange } from "../plan/conversion-plan.ts";
import { conversionPlanVersion } from "../plan/conversion-plan.ts";
import { parsePlanFile, PlanFileError, planFileText } from "./plan-file.ts";

function planWith(request: PlannedExchange["request"]): ConversionPlan {
  const exchange: PlannedExchange = {
    title: "wHat /",
    nameWords: ["what", "root"],
    sources: [{ file: "capture.sh", line: 1, column: 1 }],
    request,
    expect: { status: null, body: { kind: "unchecked" } },
    exports: [],
    todos: [],
  };
  return {
    version: conversionPlanVersion,
    service: "shop",
    envVars: [],
    specs: [
      {
        fileName: "what-root.spec.ts",
        title: "wHat /",
        kind: "endpoint",
        tests: [{ kind: "single", title: exchange.title, exchange }],
      },
    ],
  };
}

describe("plan file", () => {
  it("keeps a method's case and the Content-Type curl appends its boundary to", async () => {
    const plan = planWith({
      method: "wHat",
      url: [{ kind: "literal", text: "/" }],
      headers: [],
      body: {
        kind: "multipart",
        parts: [{ kind: "field", name: "a", value: [{ kind: "literal", text: "1" }] }],
        contentType: "multipart/related; boundary=x",
      },
      followRedirects: true,
    });
    assert.deepEqual(parsePlanFile(await planFileText(plan)), plan);
  });

  it("refuses a method that is not a token, naming where", async () => {
    const plan = planWith({
      method: "BAD METHOD",
      url: [{ kind: "literal", text: "/" }],
      headers: [],
      body: { kind: "none" },
      followRedirects: true,
    });
    const text = await planFileText(plan);
    assert.throws(
      () => parsePlanFile(text),
      (error: unknown) =>
        error instanceof PlanFileError &&
        /specs\.0\.tests\.0\.exchange\.request\.method/.test(error.message),
    );
  });

  it("keeps each TODO's code, and refuses a code it does not know", async () => {
    const plan = planWith({
      method: "GET",
      url: [{ kind: "literal", text: "/" }],
      headers: [],
      body: { kind: "none" },
      followRedirects: true,
    });
    const exchange = plan.specs[0]!.tests[0]!;
    assert.equal(exchange.kind, "single");
    if (exchange.kind !== "single") return;
    exchange.exchange.todos.push({ code: "header-joined", message: "header X was captured twice" });
    assert.deepEqual(parsePlanFile(await planFileText(plan)), plan);
    const unknown = (await planFileText(plan)).replace('"header-joined"', '"made-up-code"');
    assert.throws(
      () => parsePlanFile(unknown),
      (error: unknown) =>
        error instanceof PlanFileError && /exchange\.todos\.0\.code/.test(error.message),
    );
  });

  it("refuses a plan of an earlier version, saying to convert again", () => {
    const older = JSON.stringify({ version: 1, service: "shop", envVars: [], specs: [] });
    assert.throws(
      () => parsePlanFile(older),
      (error: unknown) => error instanceof Error && /convert the capture again/.test(error.message),
    );
  });
});
