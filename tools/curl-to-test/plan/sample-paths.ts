/**
 * Paths into response samples that a rendered assertion can reach with plain property access:
 * every step a required, non-null object property of the merged schema, so the zod-parsed
 * body type-checks without `?.` or casts.
 */
import type { InferredSchema } from "./conversion-plan.ts";

export interface ScalarField {
  path: string[];
  schema: InferredSchema & { type: "string" | "number" | "boolean" };
}

/** Required scalars reachable through required objects from `schema` (not through lists). */
export function scalarFields(schema: InferredSchema, path: string[]): ScalarField[] {
  if (schema.type !== "object") return [];
  return schema.properties.flatMap((property) => {
    if (property.optional) return [];
    const child = property.schema;
    const childPath = [...path, property.name];
    if (child.type === "string" || child.type === "number" || child.type === "boolean") {
      return [{ path: childPath, schema: child }];
    }
    return child.type === "object" ? scalarFields(child, childPath) : [];
  });
}

/** Required lists of objects reachable through required objects from the root. */
export function objectLists(
  schema: InferredSchema,
  path: string[] = [],
): { path: string[]; items: InferredSchema & { type: "object" } }[] {
  if (schema.type !== "object") return [];
  return schema.properties.flatMap((property) => {
    if (property.optional) return [];
    const child = property.schema;
    const childPath = [...path, property.name];
    if (child.type === "array" && child.items?.type === "object") {
      return [{ path: childPath, items: child.items }];
    }
    return child.type === "object" ? objectLists(child, childPath) : [];
  });
}

export function valueAt(value: unknown, path: readonly string[]): unknown {
  let current = value;
  for (const key of path) {
    if (typeof current !== "object" || current === null || Array.isArray(current)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** The numbers at each path, in the same order, or null when any of them is not a number. */
export function numbersAt<const P extends readonly (readonly string[])[]>(
  value: unknown,
  paths: P,
): { [K in keyof P]: number } | null {
  const found = paths.map((path) => valueAt(value, path));
  return found.every((item): item is number => typeof item === "number")
    ? (found as { [K in keyof P]: number })
    : null;
}
