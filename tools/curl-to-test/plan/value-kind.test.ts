import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { kindsMatch, producedKinds, sentKinds } from "./value-kind.ts";

describe("value kinds", () => {
  it("reads a response value's kind from its key, its owner key, or the URL's resources", () => {
    assert.deepEqual(producedKinds(["items", 0, "menuItemId"], "/v1/shops/1/menu"), [
      ["menu", "item"],
    ]);
    assert.deepEqual(producedKinds(["items", 0, "id"], "/v1/shops/1/menu"), [["item"]]);
    assert.deepEqual(producedKinds(["data", "id"], "/v1/orders"), [["order"]]);
    assert.deepEqual(producedKinds(["id"], "/v1/shops/7/menu-items"), [["shop"], ["menu", "item"]]);
    assert.deepEqual(producedKinds(["token"], "/v1/sessions"), [["token"]]);
  });

  it("reads a sent value's kind from the segment before it, or its name", () => {
    assert.deepEqual(sentKinds({ kind: "path-segment", index: 3 }, "/v1/orders/7/events"), [
      ["order"],
    ]);
    assert.deepEqual(sentKinds({ kind: "path-segment", index: 4 }, "/v1/orders/7/8"), []);
    assert.deepEqual(sentKinds({ kind: "header", name: "X-Order-Id" }, "/v1/x"), [["order"]]);
    assert.deepEqual(sentKinds({ kind: "query", name: "id" }, "/v1/orders?id=7"), [["order"]]);
    assert.deepEqual(
      sentKinds({ kind: "json", path: ["items", 0, "menu_item_id"] }, "/v1/orders"),
      [["menu", "item"]],
    );
    assert.deepEqual(sentKinds({ kind: "cookie", name: "orderId" }, "/v1/orders"), []);
  });

  it("matches kinds when the longer ends in the shorter", () => {
    assert.ok(kindsMatch([["menu", "item"]], [["item"]]));
    assert.ok(kindsMatch([["order"]], [["shop"], ["order"]]));
    assert.ok(!kindsMatch([["order"]], [["shop"]]));
    assert.ok(!kindsMatch([["item", "menu"]], [["item"]]));
    assert.ok(!kindsMatch([], [["order"]]));
  });
});
