/**
 * Turns a negative case the model proposed into a plain test of the plan: the captured request
 * with one thing broken (credentials left out, one JSON body field made invalid, one path
 * segment naming a resource that does not exist) and the 4xx status expected. The change is
 * checked against the request: a header, field or segment it does not have is rejected, and so
 * is a case that would need values from earlier steps of a flow.
 */
import type {
  InferredSchema,
  JsonTemplate,
  PlannedExchange,
  PlannedRequest,
  PlannedSingleTest,
  TemplatePart,
  ValueTemplate,
} from "../plan/conversion-plan.ts";
import { jsonPathText } from "../plan/json-path-text.ts";
import { percentDecodedOrKept } from "../plan/percent-decoding.ts";
import type { ProposedNegativeCase } from "./refinement-schema.ts";

export function negativeCaseTest(
  exchange: PlannedExchange,
  proposed: ProposedNegativeCase,
  title: string,
): { test: PlannedSingleTest } | { rejected: string } {
  const status = proposed.expectedStatus;
  if (status < 400 || status > 499) return { rejected: `expected status ${status} is not a 4xx` };
  if (status === exchange.expect.status) {
    return { rejected: `expected status ${status} is the captured request's own` };
  }
  const built = brokenRequest(exchange.request, proposed);
  if ("rejected" in built) return built;
  if (usesFlowVariables(built.request)) {
    return { rejected: "the request needs values from earlier steps of its flow" };
  }
  const fullTitle = `${title} → ${status}`;
  return {
    test: {
      kind: "single",
      title: fullTitle,
      exchange: {
        title: fullTitle,
        nameWords: [...exchange.nameWords, ...built.words],
        sources: exchange.sources,
        request: built.request,
        expect: { status, body: { kind: "unchecked" } },
        exports: [],
        todos: [],
        description: built.description,
      },
    },
  };
}

type Built =
  { request: PlannedRequest; words: string[]; description: string } | { rejected: string };

function brokenRequest(request: PlannedRequest, proposed: ProposedNegativeCase): Built {
  switch (proposed.kind) {
    case "no-auth":
      return withoutCredentials(request);
    case "invalid-field":
      return withInvalidField(request, proposed);
    case "unknown-id":
      return withUnknownId(request, proposed);
  }
}

type Proposed<K extends ProposedNegativeCase["kind"]> = Extract<ProposedNegativeCase, { kind: K }>;

/** The request without the headers that send credentials (those holding an env var). */
function withoutCredentials(request: PlannedRequest): Built {
  const kept = request.headers.filter((header) => !header.value.some((p) => p.kind === "env"));
  if (kept.length === request.headers.length) {
    return { rejected: "the request sends no credentials in its headers" };
  }
  const dropped = request.headers.filter((header) => !kept.includes(header));
  return {
    request: { ...request, headers: kept },
    words: ["no", "auth"],
    description: `negative case: sent without ${dropped.map((header) => header.name).join(", ")}`,
  };
}

/** The request with one JSON body field set to the proposed invalid scalar. */
function withInvalidField(request: PlannedRequest, proposed: Proposed<"invalid-field">): Built {
  if (request.body.kind !== "json") return { rejected: "the request has no JSON body" };
  let value: unknown;
  try {
    value = JSON.parse(proposed.invalidValueJson);
  } catch {
    return {
      rejected: `the invalid value ${JSON.stringify(proposed.invalidValueJson)} is not JSON`,
    };
  }
  if (!isScalar(value))
    return { rejected: "the invalid value is not a string, number, boolean or null" };
  const replaced = replaceLeaf(request.body.value, proposed.field, value);
  if (typeof replaced === "string") return { rejected: replaced };
  const field = jsonPathText(proposed.field);
  return {
    request: {
      ...request,
      body: {
        kind: "json",
        schema: widenedAt(request.body.schema, proposed.field, value),
        value: replaced,
      },
    },
    words: ["invalid", ...proposed.field.filter((step) => typeof step === "string")],
    description: `negative case: ${field} set to ${JSON.stringify(value)}`,
  };
}

/** The request with its one matching path segment replaced by an id that does not exist. */
function withUnknownId(request: PlannedRequest, proposed: Proposed<"unknown-id">): Built {
  const segments = pathSegments(request.url);
  const wanted = proposed.pathSegment.replace(/^\/+|\/+$/g, "");
  const matches = segments.flatMap((segment, index) =>
    index > 0 && (segment === wanted || percentDecodedOrKept(segment) === wanted) ? [index] : [],
  );
  if (matches.length === 0)
    return { rejected: `the URL has no path segment ${JSON.stringify(wanted)}` };
  if (matches.length > 1)
    return { rejected: `the URL has path segment ${JSON.stringify(wanted)} more than once` };
  const unknown = proposed.unknownValue.trim();
  if (unknown === "" || unknown === wanted) {
    return { rejected: "the unknown id is empty or the captured one" };
  }
  return {
    request: {
      ...request,
      url: replacePathSegment(request.url, matches[0]!, encodeURIComponent(unknown)),
    },
    words: ["unknown", "id"],
    description: `negative case: path segment ${JSON.stringify(wanted)} replaced by ${JSON.stringify(unknown)}, which does not exist`,
  };
}

function isScalar(value: unknown): value is string | number | boolean | null {
  return value === null || ["string", "number", "boolean"].includes(typeof value);
}

/** The template with the literal at `path` replaced, or why it cannot be. */
function replaceLeaf(
  template: JsonTemplate,
  path: readonly (string | number)[],
  value: string | number | boolean | null,
): JsonTemplate | string {
  const [step, ...rest] = path;
  if (step === undefined) {
    if (template.kind !== "literal") return "the field is not a plain captured value";
    if (template.value === value) return "the invalid value is the captured one";
    return { kind: "literal", value };
  }
  if (typeof step === "string" && template.kind === "object") {
    const index = template.entries.findIndex((entry) => entry.key === step);
    if (index === -1) return `the request body has no field ${jsonPathText(path)}`;
    const child = replaceLeaf(template.entries[index]!.value, rest, value);
    if (typeof child === "string") return child;
    const entries = [...template.entries];
    entries[index] = { key: step, value: child };
    return { kind: "object", entries };
  }
  if (typeof step === "number" && template.kind === "array") {
    const item = template.items[step];
    if (item === undefined) return `the request body has no item ${step} there`;
    const child = replaceLeaf(item, rest, value);
    if (typeof child === "string") return child;
    const items = [...template.items];
    items[step] = child;
    return { kind: "array", items };
  }
  return `the request body has no field ${jsonPathText(path)}`;
}

/** The body's type, widened at `path` so the invalid value still type-checks. */
function widenedAt(
  schema: InferredSchema,
  path: readonly (string | number)[],
  value: string | number | boolean | null,
): InferredSchema {
  const [step, ...rest] = path;
  if (step === undefined) return withMember(schema, value);
  if (schema.type === "object" && typeof step === "string") {
    return {
      type: "object",
      properties: schema.properties.map((property) =>
        property.name === step
          ? { ...property, schema: widenedAt(property.schema, rest, value) }
          : property,
      ),
    };
  }
  if (schema.type === "array" && typeof step === "number" && schema.items) {
    return { type: "array", items: widenedAt(schema.items, rest, value) };
  }
  if (schema.type === "union") {
    return { type: "union", anyOf: schema.anyOf.map((member) => widenedAt(member, path, value)) };
  }
  return schema;
}

function withMember(
  schema: InferredSchema,
  value: string | number | boolean | null,
): InferredSchema {
  const added: InferredSchema =
    value === null
      ? { type: "null" }
      : typeof value === "string"
        ? { type: "string" }
        : typeof value === "number"
          ? { type: "number", integer: false }
          : { type: "boolean" };
  const members = schema.type === "union" ? schema.anyOf : [schema];
  const same = members.findIndex((member) => member.type === added.type);
  const merged =
    same === -1 ? [...members, added] : members.map((m, i) => (i === same ? added : m));
  return merged.length === 1 ? merged[0]! : { type: "union", anyOf: merged };
}

/** Path segments like `path.split("/")`, env vars and variables shown as `{name}`. */
function pathSegments(url: ValueTemplate): string[] {
  const text = url.map((part) => (part.kind === "literal" ? part.text : `{${part.name}}`)).join("");
  return (text.split(/[?#]/)[0] ?? "").split("/");
}

/** The URL with path segment `index` (counted like `path.split("/")`) replaced by `text`. */
function replacePathSegment(url: ValueTemplate, index: number, text: string): ValueTemplate {
  const parts: TemplatePart[] = [];
  let segment = 0;
  let inQuery = false;
  let replaced = false;
  const literal = (value: string): void => {
    if (value === "") return;
    const last = parts.at(-1);
    if (last?.kind === "literal")
      parts[parts.length - 1] = { kind: "literal", text: last.text + value };
    else parts.push({ kind: "literal", text: value });
  };
  for (const part of url) {
    if (part.kind !== "literal") {
      if (!inQuery && segment === index) {
        if (!replaced) literal(text);
        replaced = true;
      } else {
        parts.push(part);
      }
      continue;
    }
    let buffer = "";
    for (const char of part.text) {
      if (!inQuery && (char === "?" || char === "#")) inQuery = true;
      else if (!inQuery && char === "/") segment += 1;
      else if (!inQuery && segment === index) {
        if (!replaced) buffer += text;
        replaced = true;
        continue;
      }
      buffer += char;
    }
    literal(buffer);
  }
  return parts;
}

function usesFlowVariables(request: PlannedRequest): boolean {
  const inTemplate = (template: ValueTemplate): boolean =>
    template.some((p) => p.kind === "variable");
  const inJson = (template: JsonTemplate): boolean => {
    switch (template.kind) {
      case "variable":
        return true;
      case "object":
        return template.entries.some((entry) => inJson(entry.value));
      case "array":
        return template.items.some(inJson);
      default:
        return false;
    }
  };
  const body = request.body;
  return (
    inTemplate(request.url) ||
    request.headers.some((header) => inTemplate(header.value)) ||
    (body.kind === "json" && inJson(body.value)) ||
    (body.kind === "text" && inTemplate(body.text)) ||
    (body.kind === "multipart" &&
      body.parts.some((part) => part.kind === "field" && inTemplate(part.value)))
  );
}
