import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { endpointTemplate, looksLikePrefixedId } from "./endpoint-template.ts";

function fileWords(method: string, url: string, host = ""): string {
  return endpointTemplate({ method, url, host }).nameWords.join("-");
}

describe("spec names from resource and action", () => {
  it("names what a person would: create, cancel, get, update, delete", () => {
    assert.equal(fileWords("POST", "/v1/orders"), "create-order");
    assert.equal(fileWords("POST", "/v1/orders/ord_12345678/cancel"), "cancel-order");
    assert.equal(fileWords("GET", "/v1/members/12345/orders"), "get-member-orders");
    assert.equal(fileWords("GET", "/v1/orders/12345"), "get-order");
    assert.equal(fileWords("GET", "/v1/orders?status=PLACED"), "get-orders");
    assert.equal(fileWords("PATCH", "/v1/orders/12345"), "update-order");
    assert.equal(fileWords("DELETE", "/v1/orders/12345"), "delete-order");
    assert.equal(fileWords("POST", "/auth/login"), "auth-login");
    assert.equal(fileWords("POST", "/v1/categories"), "create-category");
  });

  it("names the root path and version-only paths after the host, not 'root' or '5-0'", () => {
    assert.equal(fileWords("POST", "/", "api.shop.example.com"), "create-shop");
    assert.equal(fileWords("POST", "/5.0/", "api.shop.example.com"), "create-shop");
    assert.equal(fileWords("GET", "/", "127.0.0.1:8080"), "get-root");
  });

  it("is the same on every run and never depends on the id's value", () => {
    assert.equal(fileWords("GET", "/v1/orders/12345"), fileWords("GET", "/v1/orders/67890"));
  });

  it("takes a short id whose prefix abbreviates its collection for a parameter", () => {
    assert.equal(
      endpointTemplate({ method: "GET", url: "/v1/orders/ord-1" }).title,
      "GET /v1/orders/{id}",
    );
    assert.equal(fileWords("POST", "/v1/orders/ord-1/cancel"), "cancel-order");
    assert.equal(fileWords("PUT", "/v1/receipts/r-7"), "update-receipt");
    assert.equal(fileWords("GET", "/v1/steps/step_2"), "get-step");
    assert.equal(fileWords("GET", "/v1/orders/ord-1"), fileWords("GET", "/v1/orders/ord-22"));
  });

  it("keeps words with a dash and a number that do not abbreviate their collection", () => {
    assert.equal(
      endpointTemplate({ method: "GET", url: "/charset/utf-8" }).title,
      "GET /charset/utf-8",
    );
    assert.equal(
      endpointTemplate({ method: "GET", url: "/v1/items/top-10" }).title,
      "GET /v1/items/top-10",
    );
    assert.equal(
      endpointTemplate({ method: "GET", url: "/api/v2-1/orders" }).title,
      "GET /api/v2-1/orders",
    );
    assert.equal(looksLikePrefixedId("ord-1", undefined), false);
    assert.equal(looksLikePrefixedId("ord-x", "orders"), false);
    assert.equal(looksLikePrefixedId("odr-1", "orders"), true, "letters in order: o, d, r");
    assert.equal(
      looksLikePrefixedId("rod-1", "orders"),
      false,
      "must start as the collection does",
    );
  });
});
