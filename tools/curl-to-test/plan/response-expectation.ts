import type { CapturedResponse } from "../model/captured-request.ts";
import type {
  InferredSchema,
  JsonPath,
  PlannedExpectation,
  PlannedValue,
} from "./conversion-plan.ts";
import { bodilessStatuses } from "./conditional-request.ts";
import { inferResponseSchema } from "./infer-schema.ts";
import type { PlanNote } from "./plan-note.ts";
import { nestedTimesNullable } from "./settling-times.ts";

/** Value assertions per response, in body order; the schema still covers every field. */
const maxValueAssertions = 50;

/** Fields named in the TODO about fields seen only as null. */
const maxNullOnlyNamed = 6;

export interface ResponseExpectation {
  expect: PlannedExpectation;
  /** Why some of what was observed is not asserted; each becomes a warning and a TODO. */
  notes: PlanNote[];
}

/**
 * What to assert about a response, from every sample observed for one request: the status, a
 * schema merged over the JSON bodies, and stable fields by value. A field is dynamic (asserted
 * by type and format only) when its name says it is an id, time or token, when its value has
 * such a format, or when identical requests saw different values.
 */
export function responseExpectation(
  samples: readonly CapturedResponse[],
  /** Paths of the body that hold secrets: never asserted by value, never listed in an enum. */
  secretPaths: readonly JsonPath[] = [],
  /** Values the test makes up per run (idempotency keys, request ids): never asserted by value. */
  freshValues: ReadonlySet<string> = new Set(),
): ResponseExpectation {
  const first = samples[0];
  if (!first) {
    return {
      expect: { status: null, body: { kind: "unchecked" } },
      notes: [
        {
          code: "no-response",
          message:
            "no response was captured: the test asserts a 2xx status only (`--record URL` captures one)",
        },
      ],
    };
  }
  const notes: PlanNote[] = [];
  const statuses = [...new Set(samples.map((sample) => sample.status))];
  if (statuses.length > 1) {
    notes.push({
      code: "statuses-differ",
      message: `identical requests got statuses ${statuses.join(", ")}: the test expects the first, ${first.status}`,
    });
  }
  // A 304 or 204 has no body, whatever a browser's HAR shows there from its cache.
  const bodies = bodilessStatuses.has(first.status)
    ? []
    : samples.flatMap((sample) =>
        sample.bodyText === undefined || sample.bodyText === "" ? [] : [sample],
      );
  if (bodies.length === 0)
    return { expect: { status: first.status, body: { kind: "unchecked" } }, notes };

  const parsed = bodies.map((sample) => parseJsonBody(sample));
  const json = parsed.filter((value): value is { value: unknown } => value !== null);
  if (json.length < parsed.length) {
    const mimeType = bodies.find((_, index) => parsed[index] === null)?.mimeType ?? "not JSON";
    notes.push({
      code: "body-not-json",
      message: `response body is ${mimeType}: only the status is asserted`,
    });
    return { expect: { status: first.status, body: { kind: "unchecked" } }, notes };
  }
  const values = json.map((item) => item.value);
  return {
    expect: {
      status: first.status,
      body: jsonBodyExpectation(values, secretPaths, freshValues, notes),
    },
    notes,
  };
}

/** The schema of JSON bodies, and which of their fields are asserted by value. */
function jsonBodyExpectation(
  values: readonly unknown[],
  secretPaths: readonly JsonPath[],
  freshValues: ReadonlySet<string>,
  notes: PlanNote[],
): PlannedExpectation["body"] {
  const inferred = inferResponseSchema(values)!;
  const schema = nestedTimesNullable(withoutSecretEnums(inferred.schema, secretPaths));
  if (inferred.nullOnly.length > 0) {
    const named = inferred.nullOnly.slice(0, maxNullOnlyNamed).join(", ");
    const more = inferred.nullOnly.length > maxNullOnlyNamed ? ", …" : "";
    notes.push({
      code: "null-only-fields",
      message: `response fields seen only as null (${named}${more}): their schema accepts any value; give them their type once known`,
    });
  }
  const secrets = new Set(secretPaths.map((path) => JSON.stringify(path)));
  const dynamic = dynamicFields(values, schema, secrets, freshValues);
  return {
    kind: "json",
    schema,
    values: stableValues(values, new Set(dynamic.map((field) => field.path.join("\u0000")))),
    dynamic,
  };
}

function parseJsonBody(sample: CapturedResponse): { value: unknown } | null {
  const text = sample.bodyText ?? "";
  const declaredJson = /json/i.test(sample.mimeType ?? "");
  if (!declaredJson && !/^\s*[[{"]/.test(text)) return null;
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    return null;
  }
}

const idName = /^(id|uuid|guid|_id)$|(Id|ID|_id|Uuid|_uuid|Guid)$/;
const timeName =
  /^(created|updated|modified|deleted|timestamp|time|date|expires|expiry|now|ts)$|(At|_at|Time|_time|Timestamp|_timestamp|Date|_date)$/;
const tokenName = /(token|secret|nonce|signature|etag|session|Key$|_key$)/i;
const jwtShape = /^eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;
const randomShape = /^(?=.*\d)(?=.*[A-Za-z])[A-Za-z0-9+/_-]{24,}={0,2}$|^[0-9a-f]{16,}$/i;

/** Why a field of the body, with these observed values, is dynamic; null when it is stable. */
function dynamicReason(
  key: string,
  observed: readonly unknown[],
  schema: InferredSchema | undefined,
): string | null {
  if (idName.test(key)) return "its name marks an id";
  if (timeName.test(key)) return "its name marks a time";
  if (tokenName.test(key)) return "its name marks a token";
  if (observed.length > 0 && observed.every((value) => value === null)) {
    return "it was only ever null, so its type is unknown";
  }
  if (schema?.type === "string" && (schema.format === "uuid" || schema.format === "date-time")) {
    return `its values are ${schema.format === "uuid" ? "uuids" : "timestamps"}`;
  }
  if (schema?.type === "string" && schema.format === "date") return "its values are dates";
  if (observed.some((value) => typeof value === "string" && jwtShape.test(value))) {
    return "its values are JWTs";
  }
  if (observed.some((value) => typeof value === "string" && randomShape.test(value))) {
    return "its values look random";
  }
  const distinct = new Set(observed.map((value) => JSON.stringify(value)));
  if (distinct.size > 1) return "identical requests saw different values";
  return null;
}

/** Dynamic fields along object keys from the root (array contents are never value-asserted). */
function dynamicFields(
  samples: readonly unknown[],
  schema: InferredSchema,
  secrets: ReadonlySet<string>,
  freshValues: ReadonlySet<string>,
): { path: JsonPath; reason: string }[] {
  const found: { path: JsonPath; reason: string }[] = [];
  const walk = (
    objects: readonly Record<string, unknown>[],
    objectSchema: InferredSchema | undefined,
    path: string[],
  ): void => {
    const properties = objectSchema?.type === "object" ? objectSchema.properties : [];
    for (const property of properties) {
      const observed = objects
        .filter((object) => property.name in object)
        .map((object) => object[property.name]);
      const childPath = [...path, property.name];
      const reason = secrets.has(JSON.stringify(childPath))
        ? "it holds a secret"
        : observed.some((value) => typeof value === "string" && freshValues.has(value))
          ? "it echoes a value the test makes up on every run"
          : dynamicReason(property.name, observed, property.schema);
      if (reason) {
        found.push({ path: childPath, reason });
        continue;
      }
      const nested = observed.filter(isPlainObject);
      if (nested.length > 0) walk(nested, objectMember(property.schema), childPath);
    }
  };
  const roots = samples.filter(isPlainObject);
  if (roots.length > 0) walk(roots, objectMember(schema), []);
  return found;
}

/** Leaves equal in every sample, not dynamic, reached through objects only. */
function stableValues(
  samples: readonly unknown[],
  dynamicPaths: ReadonlySet<string>,
): PlannedValue[] {
  const first = samples[0];
  if (!isPlainObject(first)) return [];
  const found: PlannedValue[] = [];
  const walk = (value: Record<string, unknown>, path: string[]): void => {
    for (const [key, child] of Object.entries(value)) {
      if (found.length >= maxValueAssertions) return;
      const childPath = [...path, key];
      if (dynamicPaths.has(childPath.join("\u0000"))) continue;
      if (isPlainObject(child)) {
        walk(child, childPath);
      } else if (
        (child === null || ["string", "number", "boolean"].includes(typeof child)) &&
        samples.every((sample) => sameAt(sample, childPath, child))
      ) {
        found.push({ path: childPath, value: child as PlannedValue["value"] });
      }
    }
  };
  walk(first, []);
  return found;
}

function sameAt(sample: unknown, path: readonly string[], expected: unknown): boolean {
  let current: unknown = sample;
  for (const key of path) {
    if (!isPlainObject(current) || !(key in current)) return false;
    current = current[key];
  }
  return current === expected;
}

function objectMember(schema: InferredSchema | undefined): InferredSchema | undefined {
  if (schema?.type === "union") return schema.anyOf.find((member) => member.type === "object");
  return schema;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The schema with no enum of observed values at a secret's path (arrays walked by items). */
function withoutSecretEnums(
  schema: InferredSchema,
  secretPaths: readonly JsonPath[],
): InferredSchema {
  if (secretPaths.length === 0) return schema;
  const strip = (node: InferredSchema, path: JsonPath): InferredSchema => {
    const relevant = secretPaths.filter((secret) =>
      path.every(
        (step, index) =>
          typeof step === "number" || secret[index] === step || typeof secret[index] === "number",
      ),
    );
    if (relevant.length === 0) return node;
    switch (node.type) {
      case "string":
        return relevant.some((secret) => secret.length === path.length) && node.enum
          ? { type: "string", ...(node.format ? { format: node.format } : {}) }
          : node;
      case "array":
        return { type: "array", items: node.items && strip(node.items, [...path, 0]) };
      case "object":
        return {
          type: "object",
          properties: node.properties.map((property) => ({
            ...property,
            schema: strip(property.schema, [...path, property.name]),
          })),
        };
      case "union":
        return { type: "union", anyOf: node.anyOf.map((member) => strip(member, path)) };
      default:
        return node;
    }
  };
  return strip(schema, []);
}
