import { z } from "zod";
import type { InferredProperty, InferredSchema, StringFormat } from "./conversion-plan.ts";

/**
 * String formats, tried in this order, with the very zod checks the generated specs run: a
 * format is inferred only when every sample passes the check the test will make.
 */
const formatChecks: { format: StringFormat; schema: z.ZodType }[] = [
  { format: "uuid", schema: z.uuid() },
  { format: "date-time", schema: z.iso.datetime({ offset: true }) },
  { format: "date", schema: z.iso.date() },
  { format: "email", schema: z.email() },
];

/** Enum members look like codes (`PLACED`, `in_stock`), not prose or ids. */
const enumMember = /^[A-Za-z][A-Za-z0-9_.-]{0,39}$/;
const maxEnumSize = 5;

/**
 * The schema every sample satisfies, merged: a property missing from some objects is optional,
 * a value that is sometimes null is nullable, array elements merge into one element schema,
 * numbers are integers when every sample is a safe integer, strings get a format when every
 * sample has it, and a few code-like values that repeat across samples become an enum.
 * Returns null when there are no samples.
 */
export function inferSchema(samples: readonly unknown[]): InferredSchema | null {
  if (samples.length === 0) return null;
  const buckets = {
    string: [] as string[],
    number: [] as number[],
    boolean: false,
    null: false,
    array: [] as unknown[][],
    object: [] as Record<string, unknown>[],
  };
  for (const sample of samples) {
    if (typeof sample === "string") buckets.string.push(sample);
    else if (typeof sample === "number") buckets.number.push(sample);
    else if (typeof sample === "boolean") buckets.boolean = true;
    else if (sample === null) buckets.null = true;
    else if (Array.isArray(sample)) buckets.array.push(sample);
    else if (typeof sample === "object") buckets.object.push(sample as Record<string, unknown>);
  }

  const members: InferredSchema[] = [];
  if (buckets.object.length > 0) members.push(inferObject(buckets.object));
  if (buckets.array.length > 0) {
    members.push({ type: "array", items: inferSchema(buckets.array.flat()) });
  }
  if (buckets.string.length > 0) members.push(inferString(buckets.string));
  if (buckets.number.length > 0) {
    members.push({ type: "number", integer: buckets.number.every(Number.isSafeInteger) });
  }
  if (buckets.boolean) members.push({ type: "boolean" });
  if (buckets.null) members.push({ type: "null" });
  if (members.length === 1) return members[0]!;
  return { type: "union", anyOf: members };
}

/**
 * A response body's schema: as inferSchema, except that a field seen only as null is `unknown`
 * (a null says nothing of the type its value will have), with where such fields are, written
 * `a.b`, `items[].c` (`(body)` for the body itself).
 */
export function inferResponseSchema(
  samples: readonly unknown[],
): { schema: InferredSchema; nullOnly: string[] } | null {
  const inferred = inferSchema(samples);
  if (inferred === null) return null;
  const nullOnly: string[] = [];
  const widen = (schema: InferredSchema, path: string): InferredSchema => {
    switch (schema.type) {
      case "null":
        nullOnly.push(path === "" ? "(body)" : path);
        return { type: "unknown" };
      case "array":
        return { type: "array", items: schema.items && widen(schema.items, `${path}[]`) };
      case "object":
        return {
          type: "object",
          properties: schema.properties.map((property) => ({
            ...property,
            schema: widen(
              property.schema,
              path === "" ? property.name : `${path}.${property.name}`,
            ),
          })),
        };
      case "union":
        // A null beside another type is a nullable field of that type.
        return { type: "union", anyOf: schema.anyOf.map((member) => widenMember(member, path)) };
      default:
        return schema;
    }
  };
  const widenMember = (member: InferredSchema, path: string): InferredSchema =>
    member.type === "null" ? member : widen(member, path);
  return { schema: widen(inferred, ""), nullOnly };
}

function inferObject(objects: readonly Record<string, unknown>[]): InferredSchema {
  const valuesByKey = new Map<string, unknown[]>();
  for (const object of objects) {
    for (const [key, value] of Object.entries(object)) {
      const values = valuesByKey.get(key);
      if (values) values.push(value);
      else valuesByKey.set(key, [value]);
    }
  }
  const properties: InferredProperty[] = [...valuesByKey].map(([name, values]) => ({
    name,
    optional: values.length < objects.length,
    schema: inferSchema(values)!,
  }));
  return { type: "object", properties };
}

function inferString(values: readonly string[]): InferredSchema {
  const format = formatChecks.find((check) =>
    values.every((value) => check.schema.safeParse(value).success),
  )?.format;
  if (format) return { type: "string", format };
  const distinct = [...new Set(values)];
  const repeats = distinct.length < values.length;
  if (
    repeats &&
    distinct.length >= 2 &&
    distinct.length <= maxEnumSize &&
    distinct.every((value) => enumMember.test(value))
  ) {
    return { type: "string", enum: distinct.sort() };
  }
  return { type: "string" };
}
