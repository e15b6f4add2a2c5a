import { expect, test } from "../support/api-fixture.ts";
import {
  bodyOf,
  expectProblem,
  fieldsOf,
  historicalOrders,
  pageOf,
  placeOrder,
} from "./order-api.ts";
import { orderSchema } from "./schemas.ts";
import { members } from "./test-members.ts";

test.describe("cancelling an order", () => {
  test("200 turns the order CANCELLED, in its detail and in the member's list", async ({ api }) => {
    const order = await placeOrder(api, { memberId: members.cancels });
    const response = await api.post(`/v1/orders/${order.id}/cancel`, {
      data: { reason: "Ordered by mistake" },
    });
    expect(response.status()).toBe(200);
    const cancelled = await bodyOf(response, orderSchema);
    expect(cancelled).toEqual({
      ...order,
      status: "CANCELLED",
      cancelledAt: cancelled.cancelledAt,
      cancellationReason: "Ordered by mistake",
    });
    expect(cancelled.cancelledAt).not.toBeNull();
    expect(Date.parse(cancelled.cancelledAt ?? "")).toBeGreaterThanOrEqual(
      Date.parse(order.placedAt),
    );

    expect(await bodyOf(await api.get(`/v1/orders/${order.id}`), orderSchema)).toEqual(cancelled);
    const { orders } = await pageOf(api, members.cancels, { limit: 1 });
    expect(orders[0]).toMatchObject({ id: order.id, status: "CANCELLED" });
  });

  test("409 when the order is already cancelled", async ({ api }) => {
    const order = await placeOrder(api, { memberId: members.cancelsTwice });
    const url = `/v1/orders/${order.id}/cancel`;
    expect((await api.post(url, { data: { reason: "first" } })).status()).toBe(200);
    const problem = await expectProblem(await api.post(url, { data: { reason: "again" } }), 409);
    expect(problem.title).toBe("Order already cancelled");
    const after = await bodyOf(await api.get(`/v1/orders/${order.id}`), orderSchema);
    expect(after.cancellationReason).toBe("first");
  });

  test("422 more than 30 days after placement, and the order stays placed", async ({ api }) => {
    const [historical] = historicalOrders;
    const before = await bodyOf(await api.get(`/v1/orders/${historical.orderId}`), orderSchema);
    expect(before.memberId).toBe(historical.memberId);
    expect(Date.now() - Date.parse(before.placedAt)).toBeGreaterThan(30 * 86_400_000);
    expect(Date.parse(before.cancellableUntil)).toBeLessThan(Date.now());

    const response = await api.post(`/v1/orders/${historical.orderId}/cancel`, {
      data: { reason: "too late" },
    });
    const problem = await expectProblem(response, 422);
    expect(problem.title).toBe("Cancellation window closed");
    const after = await bodyOf(await api.get(`/v1/orders/${historical.orderId}`), orderSchema);
    expect(after.status).toBe("PLACED");
  });

  test("400 without a reason", async ({ api }) => {
    const [, historical] = historicalOrders;
    for (const data of [undefined, {}, { reason: "  " }]) {
      const response = await api.post(`/v1/orders/${historical.orderId}/cancel`, { data });
      expect(fieldsOf(await expectProblem(response, 400))).toEqual([
        data === undefined ? "body" : "reason",
      ]);
    }
  });
});
