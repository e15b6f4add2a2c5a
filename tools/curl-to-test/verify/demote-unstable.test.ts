import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { codedWarnings } from "../testing/coded-warnings.ts";
import type { ConversionPlan, PlannedExchange } from "../plan/conversion-plan.ts";
import { conversionPlanVersion } from "../plan/conversion-plan.ts";
import { renderSpec } from "../render/render-spec.ts";
import { demoteUnstable } from "./demote-unstable.ts";

function exchange(title: string): PlannedExchange {
  return {
    title,
    nameWords: ["get", "events"],
    sources: [{ file: "capture.har", line: 1, column: 1 }],
    request: {
      method: "GET",
      url: [{ kind: "literal", text: "/v1/orders/7/events" }],
      headers: [],
      body: { kind: "none" },
      followRedirects: true,
    },
    expect: {
      status: 200,
      body: {
        kind: "json",
        schema: {
          type: "object",
          properties: [
            { name: "status", optional: false, schema: { type: "string" } },
            {
              name: "events",
              optional: false,
              schema: {
                type: "array",
                items: {
                  type: "object",
                  properties: [
                    {
                      name: "nextAttemptAt",
                      optional: false,
                      schema: { type: "string", format: "date-time" },
                    },
                  ],
                },
              },
            },
          ],
        },
        values: [{ path: ["status"], value: "PENDING" }],
        dynamic: [],
      },
    },
    exports: [],
    todos: [],
    invariants: [
      {
        kind: "fixed-length",
        items: ["events"],
        length: 2,
        description: "events has 2 items",
        evidence: "held on 3 samples",
      },
    ],
  };
}

function flowPlan(): ConversionPlan {
  return {
    version: conversionPlanVersion,
    service: "order",
    envVars: [],
    specs: [
      {
        fileName: "order-flow.spec.ts",
        title: "flow",
        kind: "flow",
        tests: [
          {
            kind: "flow",
            title: "journey",
            steps: [exchange("first → 200"), exchange("GET events → 200")],
          },
        ],
      },
    ],
  };
}

/** The 1-based line of the spec text holding `needle` in the second step. */
function lineOf(plan: ConversionPlan, needle: string): { text: string; line: number } {
  const text = renderSpec(plan.specs[0]!);
  const lines = text.split("\n");
  const step = lines.findIndex((line) => line.includes('"GET events → 200"'));
  return {
    text,
    line: lines.findIndex((line, index) => index > step && line.includes(needle)) + 1,
  };
}

function secondStep(plan: ConversionPlan): PlannedExchange {
  const test = plan.specs[0]!.tests[0]!;
  assert.equal(test.kind, "flow");
  return test.steps[1]!;
}

describe("demoteUnstable", () => {
  it("asserts by type a value that changed between runs, in the step that failed", () => {
    const plan = flowPlan();
    const { text, line } = lineOf(plan, "toMatchObject");
    const message =
      'Error: expect(received).toMatchObject(expected)\n\n- Expected  - 1\n+ Received  + 1\n\n  Object {\n-   "status": "PENDING",\n+   "status": "PUBLISHED",\n  }';
    const changes = demoteUnstable(plan, new Map([["order-flow.spec.ts", text]]), [
      { file: "order-flow.spec.ts", title: "journey", errors: [{ message, line }] },
    ]);
    assert.deepEqual(codedWarnings(changes), [
      ["unstable-value", "verify: status changed between runs: asserted by type only"],
    ]);
    const step = secondStep(plan);
    assert.ok(step.expect.body.kind === "json");
    assert.deepEqual(step.expect.body.values, []);
    assert.deepEqual(step.todos, changes);
    const first = plan.specs[0]!.tests[0]!;
    assert.ok(first.kind === "flow" && first.steps[0]!.expect.body.kind === "json");
    assert.equal(first.steps[0]!.expect.body.values.length, 1, "the other step keeps its values");
  });

  it("stops checking the type of a field that was null on some run, naming it", () => {
    const plan = flowPlan();
    const { text, line } = lineOf(plan, ".parse(");
    const message =
      'ZodError: [\n  {\n    "expected": "string",\n    "path": [\n      "events",\n      0,\n      "nextAttemptAt"\n    ]\n  }\n]';
    const changes = demoteUnstable(plan, new Map([["order-flow.spec.ts", text]]), [
      { file: "order-flow.spec.ts", title: "journey", errors: [{ message, line }] },
    ]);
    assert.deepEqual(codedWarnings(changes), [
      [
        "unstable-type",
        "verify: events[0].nextAttemptAt did not keep its captured type on every run: its type is no longer checked",
      ],
    ]);
    assert.match(renderSpec(plan.specs[0]!), /nextAttemptAt: z\.unknown\(\)/);
  });

  it("drops an invariant that broke on a run", () => {
    const plan = flowPlan();
    const { text, line } = lineOf(plan, "toHaveLength");
    const changes = demoteUnstable(plan, new Map([["order-flow.spec.ts", text]]), [
      {
        file: "order-flow.spec.ts",
        title: "journey",
        errors: [{ message: "Error: invariant: events has 2 items\n\nExpected length: 2", line }],
      },
    ]);
    assert.deepEqual(codedWarnings(changes), [
      ["unstable-rule", 'verify: "events has 2 items" did not hold on every run: dropped'],
    ]);
    assert.deepEqual(secondStep(plan).invariants, []);
  });
});
