import type { z } from "zod";
import type { FieldError } from "./reply.ts";

export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

/** Validates a body, path or query value; failures become problem+json field errors. */
export function parseWith<T>(schema: z.ZodType<T>, input: unknown, root = "body"): Parsed<T> {
  const result = schema.safeParse(input);
  return result.success
    ? { ok: true, value: result.data }
    : { ok: false, errors: fieldErrorsOf(result.error, root) };
}

/** Reads the named query parameters (the first value of each) and validates them together. */
export function parseQuery<T>(schema: z.ZodType<T>, url: URL, names: readonly string[]): Parsed<T> {
  return parseWith(schema, queryValues(url, names), "query");
}

/** The first value of each named query parameter; absent ones stay undefined. */
export function queryValues(
  url: URL,
  names: readonly string[],
): Record<string, string | undefined> {
  return Object.fromEntries(names.map((name) => [name, url.searchParams.get(name) ?? undefined]));
}

/**
 * zod issues as the problem+json `errors` list: one entry per field, with paths like
 * `items[0].quantity`; an issue about the whole input is reported against `root`.
 */
export function fieldErrorsOf(error: z.ZodError, root = "body"): FieldError[] {
  return error.issues.flatMap((issue) =>
    issue.code === "unrecognized_keys"
      ? issue.keys.map((key) => ({
          field: fieldPath([...issue.path, key], root),
          message: "is not a field of this request",
        }))
      : [{ field: fieldPath(issue.path, root), message: issue.message }],
  );
}

function fieldPath(path: readonly PropertyKey[], root: string): string {
  if (path.length === 0) return root;
  return path
    .map((part, index) =>
      typeof part === "number" ? `[${part}]` : `${index === 0 ? "" : "."}${String(part)}`,
    )
    .join("");
}
