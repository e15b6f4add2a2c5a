import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { endpointTemplate } from "./endpoint-template.ts";

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
});
