import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { inferResponseSchema, inferSchema } from "./infer-schema.ts";

describe("inferSchema", () => {
  it("merges objects: a key missing from some samples is optional", () => {
    assert.deepEqual(inferSchema([{ a: 1, b: "x" }, { a: 2 }]), {
      type: "object",
      properties: [
        { name: "a", optional: false, schema: { type: "number", integer: true } },
        { name: "b", optional: true, schema: { type: "string" } },
      ],
    });
  });

  it("makes a sometimes-null value a union with null (rendered nullable)", () => {
    assert.deepEqual(inferSchema(["a", null]), {
      type: "union",
      anyOf: [{ type: "string" }, { type: "null" }],
    });
  });

  it("tells integers from numbers", () => {
    assert.deepEqual(inferSchema([1, 2]), { type: "number", integer: true });
    assert.deepEqual(inferSchema([1, 2.5]), { type: "number", integer: false });
    assert.deepEqual(inferSchema([2 ** 60]), { type: "number", integer: false });
  });

  it("detects uuid, date-time, date and email only when every sample has the format", () => {
    assert.deepEqual(inferSchema(["123e4567-e89b-42d3-a456-426614174000"]), {
      type: "string",
      format: "uuid",
    });
    assert.deepEqual(inferSchema(["2024-05-01T12:00:00Z", "2024-05-01T21:00:00.5+09:00"]), {
      type: "string",
      format: "date-time",
    });
    assert.deepEqual(inferSchema(["2024-05-01"]), { type: "string", format: "date" });
    assert.deepEqual(inferSchema(["kim@example.com"]), { type: "string", format: "email" });
    assert.deepEqual(inferSchema(["kim@example.com", "not an email"]), { type: "string" });
  });

  it("makes a small enum of code-like strings only when values repeat", () => {
    assert.deepEqual(inferSchema(["PLACED", "CANCELLED", "PLACED"]), {
      type: "string",
      enum: ["CANCELLED", "PLACED"],
    });
    assert.deepEqual(inferSchema(["PLACED", "CANCELLED"]), { type: "string" });
    assert.deepEqual(inferSchema(["a b", "a b", "c"]), { type: "string" });
    assert.deepEqual(inferSchema(["a", "b", "c", "d", "e", "f", "a"]), { type: "string" });
  });

  it("merges array elements across samples into one element schema", () => {
    assert.deepEqual(inferSchema([[{ id: 1 }], [{ id: 2, name: "n" }], []]), {
      type: "array",
      items: {
        type: "object",
        properties: [
          { name: "id", optional: false, schema: { type: "number", integer: true } },
          { name: "name", optional: true, schema: { type: "string" } },
        ],
      },
    });
    assert.deepEqual(inferSchema([[]]), { type: "array", items: null });
  });

  it("returns null without samples and unions of different types otherwise", () => {
    assert.equal(inferSchema([]), null);
    assert.deepEqual(inferSchema([1, "1", true]), {
      type: "union",
      anyOf: [{ type: "string" }, { type: "number", integer: true }, { type: "boolean" }],
    });
  });

  it("types a response field seen only as null as unknown, and says where", () => {
    const inferred = inferResponseSchema([
      { note: null, cancelledAt: null, items: [{ error: null }], tip: null },
      { note: null, cancelledAt: null, items: [], tip: 500 },
    ]);
    assert.deepEqual(inferred?.nullOnly, ["note", "cancelledAt", "items[].error"]);
    const properties = inferred?.schema.type === "object" ? inferred.schema.properties : [];
    assert.deepEqual(
      properties.map((property) => [property.name, property.schema]),
      [
        ["note", { type: "unknown" }],
        ["cancelledAt", { type: "unknown" }],
        [
          "items",
          {
            type: "array",
            items: {
              type: "object",
              properties: [{ name: "error", optional: false, schema: { type: "unknown" } }],
            },
          },
        ],
        ["tip", { type: "union", anyOf: [{ type: "number", integer: true }, { type: "null" }] }],
      ],
    );
    assert.deepEqual(inferResponseSchema([null]), {
      schema: { type: "unknown" },
      nullOnly: ["(body)"],
    });
  });
});
