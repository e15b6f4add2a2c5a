import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { runInNewContext } from "node:vm";
import { z } from "zod";
import { inferSchema } from "../plan/infer-schema.ts";
import { typeScriptTypeCode, zodSchemaCode } from "./schema-code.ts";

function compile(samples: unknown[]): z.ZodType {
  return runInNewContext(zodSchemaCode(inferSchema(samples)), { z }) as z.ZodType;
}

const orders = [
  {
    id: "123e4567-e89b-42d3-a456-426614174000",
    status: "PLACED",
    total: 12000,
    placedAt: "2024-05-01T12:00:00Z",
    note: null,
    items: [{ menuId: 3, quantity: 2, price: 4500.5 }],
    "content-type": "x",
  },
  {
    id: "9f1c2d3e-4b5a-4c6d-8e7f-0a1b2c3d4e5f",
    status: "CANCELLED",
    total: 8000,
    placedAt: "2024-05-02T08:30:00.125+09:00",
    note: "ring twice",
    items: [],
    coupon: "SPRING",
    "content-type": "y",
  },
  {
    id: "0b1c2d3e-4b5a-4c6d-8e7f-0a1b2c3d4e5f",
    status: "PLACED",
    total: 1,
    placedAt: "2024-05-03T00:00:00Z",
    note: null,
    items: [{ menuId: 4, quantity: 1, price: 1 }],
    "content-type": "z",
  },
];

describe("zodSchemaCode", () => {
  it("accepts every sample the schema was inferred from", () => {
    const schema = compile(orders);
    for (const order of orders) assert.equal(schema.safeParse(order).success, true);
  });

  it("rejects what breaks the observed contract", () => {
    const schema = compile(orders);
    const breaks: Record<string, unknown>[] = [
      { ...orders[0], status: "DELIVERED" },
      { ...orders[0], id: "not-a-uuid" },
      { ...orders[0], total: 1.5 },
      { ...orders[0], placedAt: "yesterday" },
      { ...orders[0], items: [{ menuId: "3", quantity: 2, price: 1 }] },
      { ...orders[0], note: 5 },
      Object.fromEntries(Object.entries(orders[0]!).filter(([key]) => key !== "total")),
    ];
    for (const broken of breaks) {
      assert.equal(schema.safeParse(broken).success, false, JSON.stringify(broken));
    }
    assert.equal(schema.safeParse({ ...orders[0], coupon: undefined }).success, true);
  });

  it("writes enum members and keys as safe literals", () => {
    const code = zodSchemaCode(
      inferSchema([{ "a`${b}`": "X_1" }, { "a`${b}`": "X_1" }, { "a`${b}`": "Y-2" }]),
    );
    assert.equal(code, 'z.object({ "a`${b}`": z.enum(["X_1", "Y-2"]) })');
  });
});

describe("typeScriptTypeCode", () => {
  it("writes optional members, unions with null and arrays", () => {
    assert.equal(
      typeScriptTypeCode(
        inferSchema([
          { a: 1, b: [{ c: "x" }], d: null },
          { a: 2, b: [], d: "y", e: true },
        ]),
      ),
      "{ a: number; b: Array<{ c: string }>; d: string | null; e?: boolean }",
    );
    assert.equal(typeScriptTypeCode(inferSchema([[1, 2]])), "number[]");
    assert.equal(typeScriptTypeCode(inferSchema([{}])), "Record<string, never>");
  });

  it("lets a field seen only as null take any value later", () => {
    const schema = runInNewContext(zodSchemaCode({ type: "unknown" }), { z }) as z.ZodType;
    for (const value of [null, "ring twice", 3, { a: 1 }]) {
      assert.ok(schema.safeParse(value).success, JSON.stringify(value));
    }
    assert.equal(typeScriptTypeCode({ type: "unknown" }), "unknown");
  });
});
