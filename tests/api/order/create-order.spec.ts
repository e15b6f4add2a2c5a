import { expect, test } from "../support/api-fixture.ts";
import { bodyOf, menuOf, orderBody, placeOrder, seededCatalog } from "./order-api.ts";
import { orderSchema } from "./schemas.ts";
import { members } from "./test-members.ts";

test.describe("placing an order", () => {
  test("answers 201 with a Location that serves the same order", async ({ api }) => {
    const created = await api.post("/v1/orders", {
      data: orderBody({ memberId: members.placesOrder }),
    });
    expect(created.status()).toBe(201);
    const order = await bodyOf(created, orderSchema);
    expect(created.headers().location).toBe(`/v1/orders/${order.id}`);
    expect(order).toMatchObject({
      memberId: members.placesOrder,
      shopId: seededCatalog.openShop,
      status: "PLACED",
      cancelledAt: null,
    });
    const placedAt = Date.parse(order.placedAt);
    expect(Math.abs(Date.now() - placedAt)).toBeLessThan(60_000);
    expect(Date.parse(order.cancellableUntil) - placedAt).toBe(30 * 86_400_000);

    const fetched = await api.get(created.headers().location ?? "");
    expect(fetched.status()).toBe(200);
    expect(await bodyOf(fetched, orderSchema)).toEqual(order);
  });

  test("prices every line from the menu and adds the delivery fee below 30,000 won", async ({
    api,
  }) => {
    const menu = await menuOf(api, seededCatalog.openShop);
    const [first, second] = menu.items
      .filter((item) => item.available)
      .sort((a, b) => a.price - b.price);
    if (!first || !second) throw new Error("the open shop should have two available dishes");
    const lines = [
      { menuItemId: first.menuItemId, quantity: 1 },
      { menuItemId: second.menuItemId, quantity: 1 },
    ];
    const subtotal = first.price + second.price;
    expect(subtotal, "the two cheapest dishes stay below the threshold").toBeLessThan(30_000);

    const order = await placeOrder(api, { memberId: members.pricedBelowThreshold, items: lines });
    expect(order.items).toEqual([
      { ...lines[0], name: first.name, unitPrice: first.price, lineTotal: first.price },
      { ...lines[1], name: second.name, unitPrice: second.price, lineTotal: second.price },
    ]);
    expect(order).toMatchObject({ subtotal, deliveryFee: 3_000, total: subtotal + 3_000 });
  });

  test("waives the delivery fee from a 30,000 won subtotal", async ({ api }) => {
    const menu = await menuOf(api, seededCatalog.openShop);
    const dish = menu.items.find((item) => item.available);
    if (!dish) throw new Error("the open shop should have an available dish");
    const quantity = Math.ceil(30_000 / dish.price);
    const order = await placeOrder(api, {
      memberId: members.pricedAboveThreshold,
      items: [{ menuItemId: dish.menuItemId, quantity }],
    });
    expect(order.items[0]?.lineTotal).toBe(dish.price * quantity);
    expect(order).toMatchObject({
      subtotal: dish.price * quantity,
      deliveryFee: 0,
      total: dish.price * quantity,
    });
  });

  test("keeps the delivery address and note, trimmed", async ({ api }) => {
    const order = await placeOrder(api, {
      memberId: members.keepsDeliveryDetails,
      deliveryAddress: "  12 Teheran-ro, Gangnam-gu  ",
      note: "Leave it at the door",
    });
    expect(order.deliveryAddress).toBe("12 Teheran-ro, Gangnam-gu");
    expect(order.note).toBe("Leave it at the door");
  });
});
