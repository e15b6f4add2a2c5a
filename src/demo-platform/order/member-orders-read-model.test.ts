import assert from "node:assert/strict";
import { afterEach, describe, it } from "node:test";
import { MemberOrdersReadModel } from "./member-orders-read-model.ts";
import type { PagePosition } from "./member-orders-read-model.ts";
import type { StoredOrder } from "./order-model.ts";

function order(id: number, memberId: number, placedAtMs: number): StoredOrder {
  return {
    id,
    shard: id % 4,
    memberId,
    shopId: 1,
    status: "PLACED",
    lines: [{ menuItemId: 1, name: "dish", unitPrice: 1_000, quantity: 3, lineTotal: 3_000 }],
    subtotal: 3_000,
    deliveryFee: 3_000,
    total: 6_000,
    deliveryAddress: null,
    note: null,
    placedAtMs,
    cancelledAtMs: null,
    cancellationReason: null,
  };
}

function allPages(model: MemberOrdersReadModel, memberId: number, limit: number): number[][] {
  const pages: number[][] = [];
  let after: PagePosition | undefined;
  for (let guard = 0; guard < 100; guard++) {
    const page = model.page({ memberId, limit, ...(after ? { after } : {}) });
    pages.push(page.orders.map((o) => o.orderId));
    if (!page.next) return pages;
    after = page.next;
  }
  throw new Error("pagination did not end");
}

describe("MemberOrdersReadModel", () => {
  let model: MemberOrdersReadModel;
  afterEach(() => model.close());

  it("pages a member's orders newest first, ties broken by id, other members left out", () => {
    model = new MemberOrdersReadModel();
    const t = Date.UTC(2026, 0, 1);
    // Orders 3, 4 and 5 share a timestamp, which a page boundary must split correctly.
    for (const [id, at] of [
      [1, t],
      [2, t + 10],
      [3, t + 20],
      [4, t + 20],
      [5, t + 20],
      [6, t + 30],
    ] as const) {
      model.record(order(id, 42, at));
    }
    model.record(order(7, 43, t + 40));
    assert.deepEqual(allPages(model, 42, 2), [
      [6, 5],
      [4, 3],
      [2, 1],
    ]);
    assert.deepEqual(allPages(model, 42, 4), [
      [6, 5, 4, 3],
      [2, 1],
    ]);
    assert.deepEqual(allPages(model, 44, 5), [[]]);
  });

  it("keeps later pages unchanged when newer orders arrive mid-pagination", () => {
    model = new MemberOrdersReadModel();
    const t = Date.UTC(2026, 0, 1);
    for (let id = 1; id <= 5; id++) model.record(order(id, 42, t + id));
    const first = model.page({ memberId: 42, limit: 2 });
    model.record(order(6, 42, t + 100));
    const second = model.page({ memberId: 42, limit: 2, after: first.next! });
    assert.deepEqual(
      first.orders.map((o) => o.orderId),
      [5, 4],
    );
    assert.deepEqual(
      second.orders.map((o) => o.orderId),
      [3, 2],
    );
  });

  it("updates a projected order's status in place", () => {
    model = new MemberOrdersReadModel();
    const placed = order(1, 42, Date.UTC(2026, 0, 1));
    model.record(placed);
    model.record({ ...placed, status: "CANCELLED" });
    const { orders } = model.page({ memberId: 42, limit: 10 });
    assert.deepEqual(
      orders.map((o) => [o.orderId, o.status, o.itemCount]),
      [[1, "CANCELLED", 3]],
    );
  });

  it("answers pages from its index, without scanning the table", () => {
    model = new MemberOrdersReadModel();
    const plan = model.explainPageQuery();
    assert.match(plan, /USING (COVERING )?INDEX member_orders_newest_first/);
    assert.doesNotMatch(plan, /SCAN|TEMP B-TREE/);
  });
});
