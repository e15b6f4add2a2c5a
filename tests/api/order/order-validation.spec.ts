import { expect, test } from "../support/api-fixture.ts";
import { expectProblem, fieldsOf, seededCatalog } from "./order-api.ts";

/** Members here never get an order: every request is refused. */
const memberId = 100;

test.describe("order validation", () => {
  test("400 names every malformed field, unknown ones included", async ({ api }) => {
    const response = await api.post("/v1/orders", {
      data: {
        memberId: "100",
        shopId: 0,
        items: [
          { menuItemId: 1, quantity: 0 },
          { menuItemId: 2, quantity: 51 },
          { menuItemId: 3.5, quantity: 1, price: 100 },
        ],
        total: 1,
      },
    });
    const problem = await expectProblem(response, 400);
    expect(fieldsOf(problem)).toEqual([
      "items[0].quantity",
      "items[1].quantity",
      "items[2].menuItemId",
      "items[2].price",
      "memberId",
      "shopId",
      "total",
    ]);
    const quantity = problem.errors?.find((e) => e.field === "items[1].quantity");
    expect(quantity?.message).toBe("must be an integer from 1 to 50");
  });

  test("400 for no lines and for more than 30 lines", async ({ api }) => {
    const lines = (n: number) =>
      Array.from({ length: n }, (_, i) => ({ menuItemId: i + 1, quantity: 1 }));
    for (const items of [[], lines(31)]) {
      const response = await api.post("/v1/orders", {
        data: { memberId, shopId: seededCatalog.openShop, items },
      });
      const problem = await expectProblem(response, 400);
      expect(fieldsOf(problem)).toEqual(["items"]);
    }
  });

  test("400 for a missing body, a blank note and malformed JSON", async ({ api }) => {
    expect(fieldsOf(await expectProblem(await api.post("/v1/orders"), 400))).toEqual(["body"]);

    const blankNote = await api.post("/v1/orders", {
      data: { memberId, shopId: 1, items: [{ menuItemId: 1, quantity: 1 }], note: "   " },
    });
    expect(fieldsOf(await expectProblem(blankNote, 400))).toEqual(["note"]);

    const malformed = await api.post("/v1/orders", {
      // A Buffer goes out as is; a string would be re-encoded as a JSON string literal.
      data: Buffer.from('{"memberId": 100,'),
      headers: { "content-type": "application/json" },
    });
    const problem = await expectProblem(malformed, 400);
    expect(problem.title).toBe("Malformed JSON");
  });

  test("422 for an unknown member and an unknown shop", async ({ api }) => {
    const response = await api.post("/v1/orders", {
      data: {
        memberId: seededCatalog.unknownId,
        shopId: seededCatalog.unknownId,
        items: [{ menuItemId: 1, quantity: 1 }],
      },
    });
    const problem = await expectProblem(response, 422);
    expect(problem.errors).toEqual(
      expect.arrayContaining([
        { field: "memberId", message: `no member ${seededCatalog.unknownId}` },
        { field: "shopId", message: `no shop ${seededCatalog.unknownId}` },
      ]),
    );
  });

  test("422 for a closed shop", async ({ api }) => {
    const menu = await api.get(`/v1/shops/${seededCatalog.closedShop}/menu`);
    const { items } = (await menu.json()) as { items: { menuItemId: number }[] };
    const response = await api.post("/v1/orders", {
      data: {
        memberId,
        shopId: seededCatalog.closedShop,
        items: [{ menuItemId: items[0]?.menuItemId ?? 0, quantity: 1 }],
      },
    });
    const problem = await expectProblem(response, 422);
    expect(problem.errors).toEqual([
      { field: "shopId", message: `shop ${seededCatalog.closedShop} is closed` },
    ]);
  });

  test("422 names each line that is not on the shop's menu or not available", async ({ api }) => {
    const response = await api.post("/v1/orders", {
      data: {
        memberId,
        shopId: seededCatalog.openShop,
        items: [
          { menuItemId: 1, quantity: 1 },
          { menuItemId: seededCatalog.itemOfOtherShop, quantity: 1 },
          { menuItemId: seededCatalog.unavailableItemOfOpenShop, quantity: 1 },
          { menuItemId: seededCatalog.unknownId, quantity: 1 },
          { menuItemId: 1, quantity: 2 },
        ],
      },
    });
    const problem = await expectProblem(response, 422);
    expect(problem.errors).toEqual([
      {
        field: "items[1].menuItemId",
        message: `menu item ${seededCatalog.itemOfOtherShop} belongs to shop ${seededCatalog.otherShop}, not shop ${seededCatalog.openShop}`,
      },
      {
        field: "items[2].menuItemId",
        message: `menu item ${seededCatalog.unavailableItemOfOpenShop} is not available`,
      },
      { field: "items[3].menuItemId", message: `no menu item ${seededCatalog.unknownId}` },
      { field: "items[4].menuItemId", message: "menu item 1 is listed twice" },
    ]);
  });
});
