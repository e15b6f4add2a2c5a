/**
 * The conversion plan: every decision about what the generated tests send and assert, as plain
 * JSON-serialisable data. The planner builds it from captured requests; the renderer turns it
 * into code without deciding anything; a reviewer (or a model, through a validated answer) may
 * edit it and re-render. It never holds a secret value: secrets are env var references.
 */
import type { QueryFile, SourceLocation } from "../model/captured-request.ts";
import type { WarningNote } from "../model/conversion-warning.ts";

export const conversionPlanVersion = 2;

export interface ConversionPlan {
  version: typeof conversionPlanVersion;
  /** The service the tests belong to (`tests/api/<service>/`). */
  service: string;
  /** Env vars the specs read secrets from; `.env.example` lists their names. */
  envVars: PlannedEnvVar[];
  specs: PlannedSpec[];
  /**
   * Set when a model's answer refined the plan (`qaops convert --llm`); each of its proposals
   * was checked against the capture before it was applied. Absent in a deterministic plan.
   */
  refinedBy?: { model: string };
}

export interface PlannedEnvVar {
  /** Upper snake case, prefixed with the service, e.g. `ORDER_AUTHORIZATION_TOKEN`. */
  name: string;
  /** What it stands for, in words: `Authorization header credential`. Never the value. */
  description: string;
}

/** One generated file: an endpoint group (method + path template) or a flow. */
export interface PlannedSpec {
  /** e.g. `get-orders-by-id.spec.ts`, unique within the plan. */
  fileName: string;
  /** The `test.describe` title, e.g. `GET /v1/orders/{id}`. */
  title: string;
  kind: "endpoint" | "flow";
  tests: PlannedTest[];
}

export type PlannedTest = PlannedSingleTest | PlannedTableTest | PlannedFlowTest;

/** One request, one test. */
export interface PlannedSingleTest {
  kind: "single";
  title: string;
  exchange: PlannedExchange;
}

/**
 * The same endpoint captured with different data: one test body run once per case. Every case
 * shares method and path template, and whatever differs between cases is literal text (no env
 * var or flow variable), so each case is a row of plain data.
 */
export interface PlannedTableTest {
  kind: "table";
  /** Name of the rows' type and of the constant holding them, as words: `["post", "orders"]`. */
  nameWords: string[];
  /** Merged over every case's response samples. */
  responseSchema: InferredSchema | null;
  /** Merged over every case's JSON request body, when all of them have one. */
  requestBodySchema: InferredSchema | null;
  cases: PlannedExchange[];
}

/** Requests that share values through their responses: one test, one `test.step` each. */
export interface PlannedFlowTest {
  kind: "flow";
  title: string;
  steps: PlannedExchange[];
}

/** A request to send and what to assert about its response. */
export interface PlannedExchange {
  /** `POST /v1/orders`, the step or test title. */
  title: string;
  /** Words naming this exchange's types and variables: `["post", "orders"]`. */
  nameWords: string[];
  /** Where it was captured; several when identical requests collapsed into one. */
  sources: SourceLocation[];
  request: PlannedRequest;
  expect: PlannedExpectation;
  /** Values of this response that later steps of the flow use. */
  exports: PlannedExport[];
  /**
   * Flow variables made up afresh on every run (`crypto.randomUUID()`), declared before the
   * test's first request: idempotency keys, request ids, client-generated ids the server must
   * not see twice. Later steps that sent the captured value send the variable.
   */
  freshValues?: string[];
  /** `// TODO(qaops): …` comments at this request, with their codes; each was also a `warning:` line. */
  todos: WarningNote[];
  /** What the request does, in business language; rendered as a comment above it. */
  description?: string;
  /** Arithmetic the JSON response must satisfy on every run, beside its schema and values. */
  rules?: PlannedRule[];
  /**
   * Relations over the response's lists that held on every observed sample (the capture and
   * its replays): order, length, the values a list holds, the flow variable a field echoes.
   */
  invariants?: PlannedInvariant[];
}

/**
 * A rule about the JSON response, inferred from every sample of the endpoint. `items` and
 * `path` are object keys from the body's root, to an array of objects every sample has or to a
 * required scalar; `field` names a required scalar of the items.
 */
export type PlannedInvariant =
  /** The items are ordered by `field` (ties keep their order). */
  (
    | { kind: "sorted-by"; items: string[]; field: string; order: "asc" | "desc" }
    /** The list has as many items as the number at `count` says. */
    | { kind: "count-of"; items: string[]; count: string[] }
    /** The list always had this many items. */
    | { kind: "fixed-length"; items: string[]; length: number }
    /** The items' `field`, in order, was these values in every sample. */
    | { kind: "sequence"; items: string[]; field: string; values: (string | number | boolean)[] }
    /** The field at `path` is the flow variable the request sent (compared as text). */
    | { kind: "echo"; path: string[]; variable: string }
  ) & {
    /** The rule in words, shown when the assertion fails. */
    description: string;
    /** What it was inferred from, in words: rendered as a comment above the assertion. */
    evidence: string;
  };

/**
 * A business rule over the JSON response body, e.g. `total = subtotal + deliveryFee`. Paths are
 * object keys from the body's root and lead to numbers every observed sample has (never null
 * or optional); `items` leads to an array of objects whose named fields are such numbers (for
 * `same-per-item`, a required field of the value's type). Every rule held on every observed
 * sample when it was planned.
 */
export type PlannedRule = (
  | { kind: "sum"; target: string[]; terms: string[][] }
  /** `target` = Σ over the items of the product of each item's `factors`. */
  | { kind: "sum-of-products"; target: string[]; items: string[]; factors: string[] }
  /** For every item: its `target` = the product of its `factors`. */
  | { kind: "product-per-item"; items: string[]; target: string; factors: string[] }
  /** For every item: its `target` ≥ its `floor` (e.g. maxMinutes ≥ minMinutes). */
  | { kind: "at-least-per-item"; items: string[]; target: string; floor: string }
  /** For every item: its `field` is `value`, the value every captured item had (status OK). */
  | { kind: "same-per-item"; items: string[]; field: string; value: string | number | boolean }
) & {
  /** The rule in words, shown when the assertion fails. */
  description: string;
  /** Every operand is an integer (or not a number): compared exactly; else to six decimal places. */
  exact: boolean;
  /** Set when the rule was inferred from samples: what held, where; rendered as a comment. */
  evidence?: string;
};

export interface PlannedExport {
  /** A camelCase identifier, e.g. `orderId`. */
  variable: string;
  /** Where in the parsed JSON response body the value is. */
  path: JsonPath;
}

export type JsonPath = (string | number)[];

export interface PlannedRequest {
  /** Upper case, as captured. */
  method: string;
  /** Path and raw query string, relative to `baseURL`: `/v1/orders?status=PLACED`. */
  url: ValueTemplate;
  /** Query parameters read from files when the test runs, after `url` (see CapturedRequest). */
  queryFiles?: QueryFile[];
  /** Captured order; names as captured; noise already dropped; duplicates already joined. */
  headers: PlannedHeader[];
  body: PlannedBody;
  /** The capture's response was a redirect: do not follow it. */
  followRedirects: boolean;
}

export interface PlannedHeader {
  name: string;
  value: ValueTemplate;
}

/** A string built from literal text, secrets from env vars and values from earlier steps. */
export type ValueTemplate = TemplatePart[];

export type TemplatePart =
  | { kind: "literal"; text: string }
  /**
   * Read from `process.env[name]`; the test fails naming the variable when it is unset, or,
   * with a `fallback` (the captured web origin: never a secret), sends that instead.
   */
  | { kind: "env"; name: string; encoding: ValueEncoding; fallback?: string }
  /** A flow variable (see PlannedExport); numbers and booleans are turned into text. */
  | { kind: "variable"; name: string; encoding: ValueEncoding };

/**
 * How a value is written into its surroundings: as is, percent-encoded for a URL or form, or as
 * a JSON string token (quotes included) inside JSON text.
 */
export type ValueEncoding = "none" | "uri-component" | "json-string";

export type PlannedBody =
  | { kind: "none" }
  /**
   * A JSON body whose captured text is exactly `JSON.stringify` of its value: sent as a typed
   * object literal and serialised, so the bytes on the wire are the captured bytes.
   */
  | { kind: "json"; schema: InferredSchema; value: JsonTemplate }
  /** Any other text (forms, XML, JSON that is not in canonical form), byte for byte. */
  | { kind: "text"; text: ValueTemplate }
  | { kind: "binary"; base64: string }
  | {
      kind: "multipart";
      parts: PlannedMultipartPart[];
      /** A Content-Type curl sent with its own boundary appended (see CapturedBody). */
      contentType?: string;
    }
  /**
   * Read from a file when the test runs, turned into the body as curl does: unchanged, with
   * CR and LF removed (`-d @file`), or percent-encoded after `name=` (`--data-urlencode`).
   */
  | {
      kind: "file";
      path: string;
      transform: "none" | "strip-newlines" | "urlencode";
      /** For `urlencode`: the name written before `=`, if any. */
      urlencodeName?: string;
    };

export type JsonTemplate =
  | { kind: "literal"; value: string | number | boolean | null }
  | { kind: "object"; entries: { key: string; value: JsonTemplate }[] }
  | { kind: "array"; items: JsonTemplate[] }
  | { kind: "env"; name: string }
  /** `asString`: the capture had the response's number or boolean as a JSON string. */
  | { kind: "variable"; name: string; asString: boolean };

export type PlannedMultipartPart =
  /** `contentType`: a typed text part (`-F 'meta={…};type=application/json'`), no filename. */
  | { kind: "field"; name: string; value: ValueTemplate; contentType?: string }
  /** A text field whose value is read from a file when the test runs (`-F name=<path`). */
  | { kind: "field-from-file"; name: string; path: string }
  | {
      kind: "file";
      name: string;
      filename: string;
      contentType?: string;
      /** Inline content (HAR), or a path read when the test runs (curl `-F name=@path`). */
      content: { kind: "text"; text: string } | { kind: "path"; path: string };
    };

export interface PlannedExpectation {
  /** The status to expect; null when no response was observed (any 2xx then passes). */
  status: number | null;
  body: PlannedResponseBody;
}

export type PlannedResponseBody =
  /** Nothing to check: no response observed, or an empty body. */
  | { kind: "unchecked" }
  | {
      kind: "json";
      /** Merged over every observed sample of this response. */
      schema: InferredSchema;
      /** Stable fields, asserted by value (`toMatchObject`). */
      values: PlannedValue[];
      /** Fields asserted only through the schema (type and format), and why. */
      dynamic: { path: JsonPath; reason: string }[];
    };

export interface PlannedValue {
  /** Object keys from the body's root; never through an array. */
  path: string[];
  value: string | number | boolean | null;
}

/** A JSON schema inferred from samples, in the terms the generated zod code needs. */
export type InferredSchema =
  | { type: "string"; format?: StringFormat; enum?: string[] }
  | { type: "number"; integer: boolean }
  | { type: "boolean" }
  | { type: "null" }
  /**
   * A response field seen only as null: the type of its value, once it has one, is not known,
   * so any value passes.
   */
  | { type: "unknown" }
  /** `items` is null when only empty arrays were seen. */
  | { type: "array"; items: InferredSchema | null }
  | { type: "object"; properties: InferredProperty[] }
  /** At most one member per type; a member `null` makes the rest nullable. */
  | { type: "union"; anyOf: InferredSchema[] };

export type StringFormat = "uuid" | "date-time" | "date" | "email";

export interface InferredProperty {
  name: string;
  /** Missing from some samples. */
  optional: boolean;
  schema: InferredSchema;
}
