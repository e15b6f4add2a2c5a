import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { inferResponseSchema } from "./infer-schema.ts";
import { inferInvariants } from "./infer-invariants.ts";
import type { InferredInvariants } from "./infer-invariants.ts";

function infer(samples: unknown[]): InferredInvariants {
  return inferInvariants({
    schema: inferResponseSchema(samples)!.schema,
    samples,
    evidence: `${samples.length} samples`,
  });
}

function descriptions(found: InferredInvariants): string[] {
  return [...found.rules, ...found.invariants].map((rule) => rule.description);
}

const order = (lines: [number, number][], fee: number, shard: number) => {
  const items = lines.map(([unitPrice, quantity], index) => ({
    menuItemId: index + 1,
    unitPrice,
    quantity,
    lineTotal: unitPrice * quantity,
  }));
  const subtotal = items.reduce((sum, item) => sum + item.lineTotal, 0);
  return { id: 7 + shard, items, subtotal, deliveryFee: fee, total: subtotal + fee, shard };
};

describe("inferInvariants: arithmetic", () => {
  it("finds line total = unit price × quantity, subtotal = Σ line totals, total = subtotal + fee", () => {
    const found = descriptions(
      infer([
        order(
          [
            [13500, 2],
            [8500, 1],
          ],
          0,
          3,
        ),
      ]),
    );
    assert.ok(
      found.includes("each items item: lineTotal = unitPrice × quantity"),
      found.join("; "),
    );
    assert.ok(found.includes("subtotal = Σ items[].lineTotal"));
    assert.ok(found.includes("total = subtotal + deliveryFee"));
  });

  it("never reads a coincidence into a number not named like a sum, nor a subtotal into a total", () => {
    // shard 3 = 2 + 1 quantities; subtotal = total + a fee of 0.
    const found = descriptions(
      infer([
        order(
          [
            [13500, 2],
            [8500, 1],
          ],
          0,
          3,
        ),
      ]),
    );
    assert.ok(!found.some((text) => text.startsWith("shard")), found.join("; "));
    assert.ok(!found.includes("subtotal = deliveryFee + total"));
  });

  it("finds min ≤ max pairs of every item", () => {
    const etas = {
      etas: [
        { shopId: 1, minMinutes: 30, maxMinutes: 45 },
        { shopId: 2, minMinutes: 25, maxMinutes: 35 },
      ],
    };
    const found = infer([etas]).rules.find((rule) => rule.kind === "at-least-per-item");
    assert.deepEqual(found && { target: found.target, floor: found.floor }, {
      target: "maxMinutes",
      floor: "minMinutes",
    });
  });

  it("finds a value every item of every sample shares, once enough items were seen", () => {
    const page = (ids: number[]) => ({ items: ids.map((id) => ({ id, status: "OK" })) });
    assert.deepEqual(
      descriptions(infer([page([1])])).filter((d) => d.includes("status")),
      [],
    );
    assert.ok(
      descriptions(infer([page([1, 2]), page([3])])).includes('every items item has status "OK"'),
    );
  });
});

describe("inferInvariants: lists", () => {
  const recommendations = (ids: number[], popularity: number[]) => ({
    items: ids.map((id, index) => ({ rank: index + 1, id, popularity: popularity[index]! })),
    meta: { count: ids.length },
  });

  it("finds the order a list is sorted in, by numbers or times, never by chance on a short list", () => {
    const long = recommendations([29, 49, 12], [517, 300, 255]);
    const found = infer([long]).invariants.filter((rule) => rule.kind === "sorted-by");
    assert.deepEqual(
      found.map((rule) => rule.description),
      ["items sorted by rank, ascending", "items sorted by popularity, descending"],
    );
    const short = infer([recommendations([49, 29], [517, 300])]).invariants;
    assert.deepEqual(
      short.filter((rule) => rule.kind === "sorted-by"),
      [],
    );
  });

  it("finds a list's length equal to its count field", () => {
    const found = infer([recommendations([49, 29, 12], [1, 2, 3])]).invariants;
    assert.ok(
      found.some((rule) => rule.kind === "count-of" && rule.count.join(".") === "meta.count"),
    );
  });

  it("asserts a list's length and values only when the capture and two replays agree", () => {
    const page = recommendations([49, 29, 12], [517, 300, 255]);
    assert.deepEqual(
      infer([page, page]).invariants.filter(
        (rule) => rule.kind === "fixed-length" || rule.kind === "sequence",
      ),
      [],
    );
    const found = infer([page, page, page]).invariants;
    assert.ok(found.some((rule) => rule.kind === "fixed-length" && rule.length === 3));
    const ids = found.find((rule) => rule.kind === "sequence" && rule.field === "id");
    assert.deepEqual(ids?.kind === "sequence" && ids.values, [49, 29, 12]);
  });
});

describe("inferInvariants: a replay breaks what it contradicts", () => {
  it("drops an invariant that held on the capture but not on a replay", () => {
    const captured = { etas: [{ minMinutes: 30, maxMinutes: 45 }], total: 10, subtotal: 7, fee: 3 };
    const replay = { etas: [{ minMinutes: 50, maxMinutes: 45 }], total: 11, subtotal: 7, fee: 3 };
    const alone = descriptions(infer([captured]));
    assert.ok(alone.includes("each etas item: maxMinutes ≥ minMinutes"));
    assert.ok(alone.includes("total = subtotal + fee"));
    const both = descriptions(infer([captured, replay]));
    assert.ok(!both.includes("each etas item: maxMinutes ≥ minMinutes"));
    assert.ok(!both.includes("total = subtotal + fee"));
  });

  it("says what each rule held on, for the comment above its assertion", () => {
    const found = infer([
      order(
        [
          [1000, 2],
          [500, 3],
        ],
        3000,
        1,
      ),
    ]);
    assert.ok(found.rules.every((rule) => rule.evidence === "held on 1 samples"));
  });
});
