import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { inferResponseSchema } from "./infer-schema.ts";
import { nestedTimesNullable } from "./settling-times.ts";

describe("nestedTimesNullable", () => {
  it("lets a time below the response's own fields be null, and keeps the response's own strict", () => {
    const sample = {
      placedAt: "2026-06-01T11:58:03.112Z",
      events: [{ publish: { status: "PENDING", nextAttemptAt: "2026-06-01T11:58:03.300Z" } }],
    };
    const schema = nestedTimesNullable(inferResponseSchema([sample])!.schema);
    assert.equal(JSON.stringify(schema).includes('"anyOf"'), true);
    assert.ok(schema.type === "object");
    assert.deepEqual(schema.properties[0]!.schema, { type: "string", format: "date-time" });
    const events = schema.properties[1]!.schema;
    assert.ok(events.type === "array" && events.items?.type === "object");
    const publish = events.items.properties[0]!.schema;
    assert.ok(publish.type === "object");
    assert.deepEqual(publish.properties[1]!.schema, {
      type: "union",
      anyOf: [{ type: "string", format: "date-time" }, { type: "null" }],
    });
    assert.deepEqual(publish.properties[0]!.schema, { type: "string" }, "only times");
  });
});
