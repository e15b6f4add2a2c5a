import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { fieldErrorsOf } from "../http/request-validation.ts";
import { createOrderBodySchema, parseId } from "./order-requests.ts";

function fieldsOf(body: unknown): string[] {
  const parsed = createOrderBodySchema.safeParse(body);
  assert.equal(parsed.success, false);
  return parsed.success ? [] : fieldErrorsOf(parsed.error).map((e) => e.field);
}

describe("create order request", () => {
  it("names each bad field by its path, unknown fields included", () => {
    assert.deepEqual(
      fieldsOf({
        memberId: 0,
        shopId: "3",
        items: [
          { menuItemId: 1, quantity: 51 },
          { menuItemId: 2, quantity: 1, price: 10 },
        ],
        total: 1,
      }),
      ["memberId", "shopId", "items[0].quantity", "items[1].price", "total"],
    );
  });

  it("calls a missing body `body`", () => {
    assert.deepEqual(fieldsOf(undefined), ["body"]);
  });

  it("bounds the number of lines", () => {
    const lines = (n: number) =>
      Array.from({ length: n }, (_, i) => ({ menuItemId: i + 1, quantity: 1 }));
    assert.deepEqual(fieldsOf({ memberId: 1, shopId: 1, items: [] }), ["items"]);
    assert.deepEqual(fieldsOf({ memberId: 1, shopId: 1, items: lines(31) }), ["items"]);
    assert.ok(
      createOrderBodySchema.safeParse({ memberId: 1, shopId: 1, items: lines(30) }).success,
    );
  });
});

describe("parseId", () => {
  it("accepts plain positive integers only", () => {
    assert.equal(parseId("42"), 42);
    for (const bad of [undefined, "", "0", "-1", "007", "1.5", "1e3", "abc", "99999999999999999"]) {
      assert.equal(parseId(bad), undefined, String(bad));
    }
  });
});
