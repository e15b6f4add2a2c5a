import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { decodeOrderCursor, encodeOrderCursor } from "./order-cursor.ts";

describe("order cursor", () => {
  const cursor = { memberId: 42, placedAtMs: 1_790_000_000_123, orderId: 9_001 };

  it("round-trips through opaque URL-safe text", () => {
    const text = encodeOrderCursor(cursor);
    assert.match(text, /^[A-Za-z0-9_-]+$/);
    assert.doesNotMatch(text, /42|9001/);
    assert.deepEqual(decodeOrderCursor(text), cursor);
  });

  it("rejects text it did not write", () => {
    const forged = Buffer.from("o1.42.-5.9001").toString("base64url");
    const otherVersion = Buffer.from("o2.42.1.9001").toString("base64url");
    for (const text of ["", "not a cursor!", "abc", forged, otherVersion, "x".repeat(500)]) {
      assert.equal(decodeOrderCursor(text), undefined, text);
    }
  });

  it("rejects a re-encoding that differs from the canonical one", () => {
    // The last base64 character of a 4n+2 long text carries 4 unused bits: changing them
    // decodes to the same bytes, and must still be refused.
    const text = encodeOrderCursor({ ...cursor, orderId: 90 });
    assert.equal(text.length % 4, 2);
    const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    const last = alphabet.indexOf(text.at(-1) ?? "");
    const variant = text.slice(0, -1) + alphabet[last + 1];
    assert.deepEqual(Buffer.from(variant, "base64url"), Buffer.from(text, "base64url"));
    assert.equal(decodeOrderCursor(variant), undefined);
  });

  it("rejects numbers beyond the safe integer range", () => {
    const huge = Buffer.from("o1.42.9999999999999999.1").toString("base64url");
    assert.equal(decodeOrderCursor(huge), undefined);
  });
});
