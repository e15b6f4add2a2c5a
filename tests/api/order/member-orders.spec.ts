import { expect, test } from "../support/api-fixture.ts";
import { allPagesOf, expectProblem, fieldsOf, pageOf, placeOrder } from "./order-api.ts";
import type { Order, OrderSummary } from "./schemas.ts";
import { members } from "./test-members.ts";

async function placeOrders(
  api: Parameters<typeof placeOrder>[0],
  memberId: number,
  count: number,
): Promise<Order[]> {
  const orders: Order[] = [];
  for (let n = 0; n < count; n++) orders.push(await placeOrder(api, { memberId }));
  return orders;
}

function isNewestFirst(orders: OrderSummary[]): boolean {
  return orders.every((order, index) => {
    const previous = orders[index - 1];
    if (!previous) return true;
    const [a, b] = [Date.parse(previous.placedAt), Date.parse(order.placedAt)];
    return a > b || (a === b && previous.id > order.id);
  });
}

test.describe("a member's orders", () => {
  test("pages across every shard with no order missing or repeated, newest first", async ({
    api,
  }) => {
    const memberId = members.paginatesAcrossShards;
    const placed = await placeOrders(api, memberId, 7);
    expect(new Set(placed.map((order) => order.shard)).size).toBeGreaterThan(1);

    const pages = await allPagesOf(api, memberId, 3);
    expect(pages.length).toBeGreaterThanOrEqual(3);
    for (const page of pages.slice(0, -1)) expect(page.orders).toHaveLength(3);
    expect(pages.at(-1)?.nextCursor).toBeNull();

    const listed = pages.flatMap((page) => page.orders);
    const ids = listed.map((order) => order.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(isNewestFirst(listed)).toBe(true);
    expect(ids.slice(0, 7)).toEqual(placed.map((order) => order.id).reverse());
    for (const order of placed) {
      expect(listed.find((summary) => summary.id === order.id)).toEqual({
        id: order.id,
        shopId: order.shopId,
        status: "PLACED",
        itemCount: 1,
        total: order.total,
        currency: "KRW",
        placedAt: order.placedAt,
        shard: order.shard,
      });
    }
  });

  test("a cursor keeps its place while newer orders arrive", async ({ api }) => {
    const memberId = members.paginatesWhileInserting;
    const placed = (await placeOrders(api, memberId, 5)).map((order) => order.id);
    const first = await pageOf(api, memberId, { limit: 2 });
    expect(first.orders.map((o) => o.id)).toEqual([placed[4], placed[3]]);

    const newer = await placeOrder(api, { memberId });
    const second = await pageOf(api, memberId, { limit: 2, cursor: first.nextCursor ?? "" });
    expect(second.orders.map((o) => o.id)).toEqual([placed[2], placed[1]]);

    const fresh = await pageOf(api, memberId, { limit: 2 });
    expect(fresh.orders.map((o) => o.id)).toEqual([newer.id, placed[4]]);
  });

  test("400 for a limit outside 1..100 or a cursor the list did not issue", async ({ api }) => {
    const url = `/v1/members/${members.foreignCursor}/orders`;
    for (const limit of ["0", "101", "abc", "2.5", "-1"]) {
      const response = await api.get(url, { params: { limit } });
      expect(fieldsOf(await expectProblem(response, 400))).toEqual(["limit"]);
    }
    for (const cursor of ["not-a-cursor", "", "eyJpZCI6MX0"]) {
      const response = await api.get(url, { params: { cursor } });
      expect(fieldsOf(await expectProblem(response, 400))).toEqual(["cursor"]);
    }
  });

  test("400 for another member's cursor", async ({ api }) => {
    const memberId = members.cursorOwner;
    await placeOrders(api, memberId, 2);
    const { nextCursor } = await pageOf(api, memberId, { limit: 1 });
    expect(nextCursor).not.toBeNull();
    const response = await api.get(`/v1/members/${members.foreignCursor}/orders`, {
      params: { cursor: nextCursor ?? "" },
    });
    expect(fieldsOf(await expectProblem(response, 400))).toEqual(["cursor"]);
  });

  test("404 for an unknown member, 400 for a non-numeric one", async ({ api }) => {
    await expectProblem(await api.get("/v1/members/999999/orders"), 404);
    const problem = await expectProblem(await api.get("/v1/members/abc/orders"), 400);
    expect(fieldsOf(problem)).toEqual(["memberId"]);
  });
});
