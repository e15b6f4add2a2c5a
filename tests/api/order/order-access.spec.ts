import { expect, test } from "../support/api-fixture.ts";
import { bodyOf, expectProblem, fieldsOf, orderBody, placeOrder } from "./order-api.ts";
import { memberOrdersPageSchema, orderEventsSchema, orderSchema } from "./schemas.ts";
import { members } from "./test-members.ts";

const actingAs = (memberId: number | string) => ({ "x-member-id": String(memberId) });

test.describe("authentication and authorization", () => {
  test("401 with a Bearer challenge when no token is sent", async ({ api }) => {
    const requests = [
      api.post("/v1/orders", { token: null, data: orderBody({ memberId: members.intruder }) }),
      api.get("/v1/orders/1", { token: null }),
      api.get(`/v1/members/${members.intruder}/orders`, { token: null }),
      api.post("/v1/orders/1/cancel", { token: null, data: { reason: "test" } }),
    ];
    for (const response of await Promise.all(requests)) {
      const problem = await expectProblem(response, 401);
      expect(problem.detail).toBe("Bearer token required");
      expect(response.headers()["www-authenticate"]).toMatch(/^Bearer /);
    }
  });

  test("401 for a wrong token, without placing the order", async ({ api }) => {
    const response = await api.post("/v1/orders", {
      token: "not-the-demo-token",
      data: orderBody({ memberId: members.intruder }),
    });
    const problem = await expectProblem(response, 401);
    expect(problem.detail).toBe("Bearer token not accepted");
    const list = await api.get(`/v1/members/${members.intruder}/orders`);
    const { orders } = await bodyOf(list, memberOrdersPageSchema);
    expect(orders).toEqual([]);
  });

  test("a member reads their own order; another member gets 403 on read, events and cancel", async ({
    api,
  }) => {
    const order = await placeOrder(api, { memberId: members.ownerReads });
    const own = await api.get(`/v1/orders/${order.id}`, { headers: actingAs(members.ownerReads) });
    expect(own.status()).toBe(200);
    expect((await bodyOf(own, orderSchema)).id).toBe(order.id);
    const ownEvents = await api.get(`/v1/orders/${order.id}/events`, {
      headers: actingAs(members.ownerReads),
    });
    expect((await bodyOf(ownEvents, orderEventsSchema)).orderId).toBe(order.id);

    const headers = actingAs(members.intruder);
    await expectProblem(await api.get(`/v1/orders/${order.id}`, { headers }), 403);
    await expectProblem(await api.get(`/v1/orders/${order.id}/events`, { headers }), 403);
    const cancel = await api.post(`/v1/orders/${order.id}/cancel`, {
      headers,
      data: { reason: "not mine" },
    });
    await expectProblem(cancel, 403);
    const after = await bodyOf(await api.get(`/v1/orders/${order.id}`), orderSchema);
    expect(after.status).toBe("PLACED");
  });

  test("403 for listing another member's orders or ordering in their name", async ({ api }) => {
    const own = await api.get(`/v1/members/${members.ownerLists}/orders`, {
      headers: actingAs(members.ownerLists),
    });
    expect(own.status()).toBe(200);

    const headers = actingAs(members.intruder);
    const list = await api.get(`/v1/members/${members.ownerLists}/orders`, { headers });
    await expectProblem(list, 403);
    const create = await api.post("/v1/orders", {
      headers,
      data: orderBody({ memberId: members.ownerLists }),
    });
    await expectProblem(create, 403);
    const { orders } = await bodyOf(
      await api.get(`/v1/members/${members.ownerLists}/orders`),
      memberOrdersPageSchema,
    );
    expect(orders).toEqual([]);
  });

  test("400 when X-Member-Id is not a member id", async ({ api }) => {
    for (const value of ["abc", "0", "-4"]) {
      const response = await api.get("/v1/orders/1", { headers: actingAs(value) });
      expect(fieldsOf(await expectProblem(response, 400))).toEqual(["X-Member-Id"]);
    }
  });
});
