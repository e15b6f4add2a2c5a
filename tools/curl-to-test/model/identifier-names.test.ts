import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { camelIdentifier, nameWords, pascalIdentifier } from "./identifier-names.ts";

describe("identifiers", () => {
  it("splits names into lower-case words on separators and camelCase humps", () => {
    assert.deepEqual(nameWords("orderItems/by-ID_2"), ["order", "items", "by", "id", "2"]);
    assert.deepEqual(nameWords("***"), []);
  });

  it("builds camel and Pascal names from words and avoids reserved words", () => {
    assert.equal(
      camelIdentifier(["get", "orders", "by", "id", "response"]),
      "getOrdersByIdResponse",
    );
    assert.equal(
      pascalIdentifier(["post", "order-items", "request", "body"]),
      "PostOrderItemsRequestBody",
    );
    assert.equal(camelIdentifier(["delete"]), "deleteValue");
    assert.equal(camelIdentifier(["2fa", "code"]), "_2faCode");
    assert.equal(camelIdentifier(["`${x}`"]), "x");
    assert.equal(camelIdentifier(["***"]), "value");
  });
});
