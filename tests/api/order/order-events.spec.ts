import { expect, test } from "../support/api-fixture.ts";
import type { ApiClient } from "../support/api-fixture.ts";
import { bodyOf, placeOrder } from "./order-api.ts";
import { orderEventsSchema } from "./schemas.ts";
import type { OrderEvent } from "./schemas.ts";
import { members } from "./test-members.ts";

async function eventsOf(api: ApiClient, orderId: number): Promise<OrderEvent[]> {
  const response = await api.get(`/v1/orders/${orderId}/events`);
  expect(response.status()).toBe(200);
  const body = await bodyOf(response, orderEventsSchema);
  expect(body.orderId).toBe(orderId);
  return body.events;
}

const pollOptions = { timeout: 10_000, intervals: [100, 200, 250] };

test.describe("an order's outbox events", () => {
  test("ORDER_PLACED then ORDER_CANCELLED, each published by the relay", async ({ api }) => {
    const order = await placeOrder(api, { memberId: members.eventsOfCancelled });
    await api.post(`/v1/orders/${order.id}/cancel`, { data: { reason: "test" } });

    await expect
      .poll(async () => (await eventsOf(api, order.id)).map((e) => e.publish.status), pollOptions)
      .toEqual(["PUBLISHED", "PUBLISHED"]);
    const [placed, cancelled] = await eventsOf(api, order.id);
    expect(placed).toMatchObject({
      type: "ORDER_PLACED",
      occurredAt: order.placedAt,
      payload: {
        orderId: order.id,
        memberId: order.memberId,
        shopId: order.shopId,
        total: order.total,
      },
      publish: { attempts: 1, lastError: null, nextAttemptAt: null },
    });
    expect(cancelled).toMatchObject({
      type: "ORDER_CANCELLED",
      payload: { orderId: order.id, reason: "test" },
    });
    expect(placed?.eventId).not.toBe(cancelled?.eventId);
  });

  test("a refused publish is marked FAILED and retried until the broker accepts it", async ({
    api,
  }) => {
    const memberId = members.eventsRetried;
    const hook = `/__admin/outbox/publish-failures/${memberId}`;
    expect((await api.put(hook)).status()).toBe(204);
    try {
      const order = await placeOrder(api, { memberId });
      await expect
        .poll(async () => (await eventsOf(api, order.id))[0]?.publish.attempts, pollOptions)
        .toBeGreaterThanOrEqual(2);
      const [failed] = await eventsOf(api, order.id);
      expect(failed?.publish).toMatchObject({ status: "FAILED", publishedAt: null });
      expect(failed?.publish.lastError).toMatch(/publish failure injected/);
      expect(failed?.publish.nextAttemptAt).not.toBeNull();

      expect((await api.delete(hook)).status()).toBe(204);
      await expect
        .poll(async () => (await eventsOf(api, order.id))[0]?.publish.status, pollOptions)
        .toBe("PUBLISHED");
      const [published] = await eventsOf(api, order.id);
      expect(published?.publish.attempts).toBeGreaterThan(failed?.publish.attempts ?? 0);
      expect(published?.publish.lastError).toBeNull();
    } finally {
      await api.delete(hook);
    }
  });
});
