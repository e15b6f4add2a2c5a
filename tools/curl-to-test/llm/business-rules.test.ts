import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { inferSchema } from "../plan/infer-schema.ts";
import { ruleAssertionCode } from "../render/rule-code.ts";
import { checkBusinessRule } from "./business-rules.ts";
import type { ProposedRule } from "./refinement-schema.ts";

const order = {
  items: [
    { unitPrice: 13500, quantity: 2, lineTotal: 27000, status: "OK", min: 10, max: 20 },
    { unitPrice: 8500, quantity: 1, lineTotal: 8500, status: "OK", min: 5, max: 5 },
  ],
  subtotal: 35500,
  deliveryFee: 0,
  total: 35500,
  note: null as string | null,
  rate: 0.1,
  tax: 3550.0000001,
};
const samples = [order];
const schema = inferSchema(samples)!;

function check(proposed: ProposedRule, over: readonly unknown[] = samples) {
  return checkBusinessRule(proposed, schema, over);
}

describe("checkBusinessRule", () => {
  it("keeps each kind of rule that holds on the capture, exact over integers", () => {
    const proposals: ProposedRule[] = [
      { kind: "sum", description: "t", target: ["total"], terms: [["subtotal"], ["deliveryFee"]] },
      {
        kind: "sum-of-products",
        description: "s",
        target: ["subtotal"],
        items: ["items"],
        factors: ["unitPrice", "quantity"],
      },
      {
        kind: "product-per-item",
        description: "l",
        items: ["items"],
        target: "lineTotal",
        factors: ["unitPrice", "quantity"],
      },
      {
        kind: "at-least-per-item",
        description: "w",
        items: ["items"],
        target: "max",
        floor: "min",
      },
      { kind: "same-per-item", description: "in stock", items: ["items"], field: "status" },
    ];
    for (const proposed of proposals) {
      const checked = check(proposed);
      assert.ok("rule" in checked, `${proposed.kind}: ${JSON.stringify(checked)}`);
      assert.equal(checked.rule.exact, true);
    }
    const same = check(proposals[4]!);
    assert.ok("rule" in same && same.rule.kind === "same-per-item" && same.rule.value === "OK");
  });

  it("compares decimals to a tolerance", () => {
    const checked = check({
      kind: "sum-of-products",
      description: "tax",
      target: ["tax"],
      items: ["items"],
      factors: ["lineTotal", "quantity"],
    });
    assert.ok("rejected" in checked, "62500 is no tax of 3550");
    const close = check({ kind: "sum", description: "tax", target: ["tax"], terms: [["rate"]] });
    assert.ok("rejected" in close);
    const decimals = checkBusinessRule(
      { kind: "sum", description: "d", target: ["a"], terms: [["b"], ["c"]] },
      inferSchema([{ a: 0.3, b: 0.1, c: 0.2 }])!,
      [{ a: 0.3, b: 0.1, c: 0.2 }],
    );
    assert.ok("rule" in decimals && decimals.rule.exact === false);
  });

  it("rejects rules the capture contradicts or cannot type", () => {
    const cases: [ProposedRule, RegExp][] = [
      [
        { kind: "sum", description: "", target: ["grandTotal"], terms: [["total"]] },
        /the capture has no field grandTotal/,
      ],
      [
        { kind: "sum", description: "", target: ["total"], terms: [["subtotal"], ["items"]] },
        /items is not a number/,
      ],
      [
        { kind: "sum", description: "", target: ["total"], terms: [["note"]] },
        /note is not a number/,
      ],
      [
        { kind: "sum", description: "", target: ["total"], terms: [["total"]] },
        /target is one of its own terms/,
      ],
      [
        { kind: "sum", description: "", target: ["total"], terms: [["subtotal"], ["subtotal"]] },
        /does not hold on captured response 1: total is 35500, expected 71000/,
      ],
      [
        {
          kind: "product-per-item",
          description: "",
          items: ["subtotal"],
          target: "x",
          factors: ["y"],
        },
        /subtotal is not an array of objects/,
      ],
      [
        {
          kind: "at-least-per-item",
          description: "",
          items: ["items"],
          target: "min",
          floor: "max",
        },
        /item 0: min 10 < max 20/,
      ],
      [
        { kind: "same-per-item", description: "", items: ["items"], field: "quantity" },
        /captured items differ in quantity/,
      ],
    ];
    for (const [proposed, reason] of cases) {
      const checked = check(proposed);
      assert.ok("rejected" in checked, `${JSON.stringify(proposed)} was kept`);
      assert.match(checked.rejected, reason);
    }
    assert.match(
      (check(cases[0]![0], []) as { rejected: string }).rejected,
      /no JSON response was captured/,
    );
  });

  it("renders each kind as an expect the failure message explains", () => {
    const rendered = (proposed: ProposedRule): string => {
      const checked = check(proposed);
      assert.ok("rule" in checked);
      return ruleAssertionCode(checked.rule, "body").join("\n");
    };
    assert.equal(
      rendered({
        kind: "sum",
        description: "total = subtotal + fee",
        target: ["total"],
        terms: [["subtotal"], ["deliveryFee"]],
      }),
      'expect(body.total, "business rule: total = subtotal + fee").toBe(body.subtotal + body.deliveryFee);',
    );
    assert.equal(
      rendered({
        kind: "same-per-item",
        description: "in stock",
        items: ["items"],
        field: "status",
      }),
      'for (const item of body.items) {\nexpect(item.status, "business rule: in stock").toBe("OK");\n}',
    );
    assert.match(
      rendered({
        kind: "at-least-per-item",
        description: "w",
        items: ["items"],
        target: "max",
        floor: "min",
      }),
      /expect\(item\.max, "business rule: w"\)\.toBeGreaterThanOrEqual\(item\.min\);/,
    );
  });
});
