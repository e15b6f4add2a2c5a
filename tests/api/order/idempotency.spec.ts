import { randomUUID } from "node:crypto";
import { expect, test } from "../support/api-fixture.ts";
import { bodyOf, expectProblem, fieldsOf, orderBody, pageOf } from "./order-api.ts";
import { orderSchema } from "./schemas.ts";
import { members } from "./test-members.ts";

const newestIds = async (...args: Parameters<typeof pageOf>) =>
  (await pageOf(...args)).orders.map((order) => order.id);

test.describe("Idempotency-Key on order creation", () => {
  test("the same key and body replay the first response and place one order", async ({ api }) => {
    const memberId = members.idempotentReplay;
    const before = await newestIds(api, memberId, { limit: 100 });
    const headers = { "idempotency-key": randomUUID() };
    const data = orderBody({ memberId, note: "retry me" });

    const first = await api.post("/v1/orders", { headers, data });
    expect(first.status()).toBe(201);
    expect(first.headers()["idempotent-replayed"]).toBeUndefined();
    const order = await bodyOf(first, orderSchema);

    for (let retry = 0; retry < 2; retry++) {
      const replay = await api.post("/v1/orders", { headers, data });
      expect(replay.status()).toBe(201);
      expect(replay.headers()["idempotent-replayed"]).toBe("true");
      expect(replay.headers().location).toBe(first.headers().location);
      expect(await replay.text()).toBe(await first.text());
    }
    expect(await newestIds(api, memberId, { limit: 100 })).toEqual(
      [order.id, ...before].slice(0, 100),
    );
  });

  test("the same JSON with its keys in another order is the same request", async ({ api }) => {
    const headers = { "idempotency-key": randomUUID() };
    const memberId = members.idempotentKeyOrder;
    const items = [{ menuItemId: 2, quantity: 3 }];
    const first = await api.post("/v1/orders", { headers, data: { memberId, shopId: 1, items } });
    const reordered = await api.post("/v1/orders", {
      headers,
      data: { items: [{ quantity: 3, menuItemId: 2 }], shopId: 1, memberId },
    });
    expect(reordered.status()).toBe(201);
    expect(reordered.headers()["idempotent-replayed"]).toBe("true");
    expect((await bodyOf(reordered, orderSchema)).id).toBe((await bodyOf(first, orderSchema)).id);
  });

  test("422 when a key comes back with a different body, and no second order", async ({ api }) => {
    const memberId = members.idempotentConflict;
    const headers = { "idempotency-key": randomUUID() };
    const first = await api.post("/v1/orders", { headers, data: orderBody({ memberId }) });
    const order = await bodyOf(first, orderSchema);

    const changed = await api.post("/v1/orders", {
      headers,
      data: orderBody({ memberId, items: [{ menuItemId: 1, quantity: 2 }] }),
    });
    const problem = await expectProblem(changed, 422);
    expect(problem.title).toBe("Idempotency-Key reused");
    expect(fieldsOf(problem)).toEqual(["Idempotency-Key"]);
    expect((await newestIds(api, memberId, { limit: 1 }))[0]).toBe(order.id);
  });

  test("400 for a key that is not 1 to 255 visible characters", async ({ api }) => {
    const response = await api.post("/v1/orders", {
      headers: { "idempotency-key": "k".repeat(256) },
      data: orderBody({ memberId: members.idempotentConflict }),
    });
    expect(fieldsOf(await expectProblem(response, 400))).toEqual(["Idempotency-Key"]);
  });
});
