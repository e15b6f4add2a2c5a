/**
 * The prompt for one batch of specs, built only from redacted material: request parts come
 * from the plan (secrets are already `{ENV_VAR}` references there), responses from the capture
 * with secret fields and JWTs removed, personal data masked everywhere, and a last pass that
 * replaces any captured secret value still found in the text. Deterministic, so equal inputs
 * give equal prompts (and hit the cache).
 */
import type { CapturedRequest } from "../model/captured-request.ts";
import type { JsonTemplate, PlannedBody, ValueTemplate } from "../plan/conversion-plan.ts";
import { formDecodedOrKept } from "../plan/percent-decoding.ts";
import { findSecrets } from "../plan/secret-finder.ts";
import type { PersonalDataMaskerOptions } from "./personal-data-masker.ts";
import { PersonalDataMasker } from "./personal-data-masker.ts";
import type { ExchangeEntry, SpecEntry } from "./plan-exchanges.ts";

export interface ChatMessage {
  role: "system" | "user";
  content: string;
}

export interface RefinementPrompt {
  /** The spec ids this prompt covers, e.g. `["s1", "s2"]`. */
  specIds: string[];
  messages: ChatMessage[];
}

export interface BuildPromptInput {
  service: string;
  specs: readonly SpecEntry[];
  masking: PersonalDataMaskerOptions;
  /** Captured secret values by env var name: must never appear in a prompt. */
  capturedSecrets: ReadonlyMap<string, string>;
}

const refinementSystemPrompt = [
  "You review a plan from which qaops generates Playwright API tests for captured HTTP exchanges.",
  "You never write code: you answer JSON that matches the given schema, and qaops checks every",
  "proposal against the capture before applying it.",
  "",
  "For each exchange (id eN) you may give:",
  "- title: the test's name in business language (the behaviour, e.g. 'places an order and charges",
  "  catalogue prices'), at most 80 characters, without HTTP method or URL.",
  "- description: one sentence on what the request does and why it matters.",
  "- dynamicFields: fields now asserted by value that will differ between runs (generated",
  "  numbers, counters, values that depend on the clock or on other data).",
  "- stableFields: fields now asserted by type only whose captured value the request fixes.",
  "- businessRules: arithmetic every response satisfies: `sum` (total = subtotal + deliveryFee),",
  "  `sum-of-products` (subtotal = sum over items of unitPrice * quantity), `product-per-item`",
  "  (every item's lineTotal = unitPrice * quantity), `at-least-per-item` (every item's",
  "  maxMinutes >= minMinutes), `same-per-item` (every item has the status the captured items",
  "  share, e.g. only in-stock items). Only fields shown in the response.",
  "- negativeCases: requests that must fail: `no-auth` (401) for a request that sends",
  "  credentials, `invalid-field` (400) for a field of its JSON body set to an invalid value,",
  "  `unknown-id` (404) for a path segment naming a resource, replaced by an id that cannot exist.",
  "Name specs (specId sN) by the business capability they test. flows: give the steps of a flow a",
  "title, or run single tests that belong together as one flow (in capture order). correlations:",
  "a value one step's response returned (responsePath) that a later step of the same flow sends,",
  "so it becomes a variable instead of the captured literal.",
  "",
  "Use only exchange ids, spec ids, fields and path segments that appear below: anything else is",
  "rejected. [email-1], [phone-1], [address-1], [name-1] are masked personal data; {NAME} stands",
  "for a secret or a value from an earlier step. Leave a list empty when unsure.",
].join("\n");

const maxArrayItems = 3;
const maxStringLength = 160;
const maxDepth = 8;
/** Secrets shorter than this are too likely to occur by chance to search for. */
const minSecretLength = 4;

export function buildRefinementPrompt(input: BuildPromptInput): RefinementPrompt {
  const masker = new PersonalDataMasker(input.masking);
  const specLines = input.specs.map((spec) =>
    JSON.stringify({ specId: spec.id, title: masker.maskText(formDecodedOrKept(spec.spec.title)) }),
  );
  const exchangeLines = input.specs.flatMap((spec) =>
    spec.exchanges.map((entry) => JSON.stringify(exchangeDigest(entry, masker))),
  );
  const flowLines = input.specs.flatMap((spec) =>
    spec.spec.tests.flatMap((test) => {
      if (test.kind !== "flow") return [];
      const ids = spec.exchanges.filter((entry) => entry.test === test).map((entry) => entry.id);
      return [
        JSON.stringify({ title: masker.maskText(formDecodedOrKept(test.title)), exchangeIds: ids }),
      ];
    }),
  );
  const user = [
    `Service: ${masker.maskText(input.service)}`,
    "",
    "Specs:",
    ...specLines,
    "",
    "Exchanges:",
    ...exchangeLines,
    ...(flowLines.length > 0 ? ["", "Flows:", ...flowLines] : []),
  ].join("\n");
  return {
    specIds: input.specs.map((spec) => spec.id),
    messages: [
      { role: "system", content: refinementSystemPrompt },
      { role: "user", content: withoutSecretValues(user, input.capturedSecrets) },
    ],
  };
}

function exchangeDigest(entry: ExchangeEntry, masker: PersonalDataMasker): object {
  const exchange = entry.exchange;
  const request = exchange.request;
  const expect = exchange.expect;
  const sample = entry.samples[0];
  return {
    id: entry.id,
    specId: entry.specId,
    role: entry.role,
    title: masker.maskText(formDecodedOrKept(exchange.title)),
    request: {
      method: request.method,
      url: masker.maskText(formDecodedOrKept(templateText(request.url))),
      headers: request.headers.map((header) => [
        header.name,
        masker.maskField(header.name, templateText(header.value)),
      ]),
      ...bodyDigest(request.body, masker),
    },
    response: {
      status: expect.status,
      ...(sample === undefined
        ? {}
        : { body: truncated(masker.maskJson(redactedResponse(sample, entry.requests[0]))) }),
    },
    ...(expect.body.kind === "json"
      ? {
          assertedByValue: expect.body.values.map((value) => value.path),
          assertedByTypeOnly: expect.body.dynamic.map((field) => field.path),
        }
      : {}),
    ...(exchange.exports.length > 0
      ? { exportsToLaterSteps: exchange.exports.map((entry) => entry.path) }
      : {}),
  };
}

function bodyDigest(body: PlannedBody, masker: PersonalDataMasker): { body?: unknown } {
  switch (body.kind) {
    case "none":
      return {};
    case "json":
      return { body: masker.maskJson(jsonTemplateValue(body.value)) };
    case "text":
      return { body: masker.maskText(truncatedText(formDecodedOrKept(templateText(body.text)))) };
    case "binary":
      return { body: `(binary, ${Math.floor((body.base64.length * 3) / 4)} bytes)` };
    case "file":
      return { body: "(read from a file)" };
    case "multipart":
      return {
        body: Object.fromEntries(
          body.parts.map((part) => [
            part.name,
            part.kind === "field"
              ? masker.maskField(part.name, templateText(part.value))
              : "(file)",
          ]),
        ),
      };
  }
}

/** Env vars and flow variables shown as `{NAME}`. */
function templateText(template: ValueTemplate): string {
  return template.map((part) => (part.kind === "literal" ? part.text : `{${part.name}}`)).join("");
}

function jsonTemplateValue(template: JsonTemplate): unknown {
  switch (template.kind) {
    case "literal":
      return template.value;
    case "object":
      return Object.fromEntries(
        template.entries.map((entry) => [entry.key, jsonTemplateValue(entry.value)]),
      );
    case "array":
      return template.items.map(jsonTemplateValue);
    case "env":
    case "variable":
      return `{${template.name}}`;
  }
}

const jwtShape = /eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g;

/** The sample with secret-named fields and JWTs replaced, as the secret finder sees them. */
function redactedResponse(sample: unknown, request: CapturedRequest | undefined): unknown {
  const secretPaths = new Set(
    (request ? findSecrets(request) : []).flatMap((finding) =>
      finding.place.kind === "response-json" ? [JSON.stringify(finding.place.path)] : [],
    ),
  );
  const walk = (value: unknown, path: (string | number)[]): unknown => {
    if (secretPaths.has(JSON.stringify(path))) return "{secret}";
    if (typeof value === "string") return value.replace(jwtShape, "{jwt}");
    if (Array.isArray(value)) return value.map((item, index) => walk(item, [...path, index]));
    if (typeof value === "object" && value !== null) {
      return Object.fromEntries(
        Object.entries(value).map(([key, child]) => [key, walk(child, [...path, key])]),
      );
    }
    return value;
  };
  return walk(sample, []);
}

/** Long arrays cut to their first items, long strings shortened, deep nesting elided. */
function truncated(value: unknown, depth = 0): unknown {
  if (typeof value === "string") return truncatedText(value);
  if (depth >= maxDepth && typeof value === "object" && value !== null) return "(nested)";
  if (Array.isArray(value)) {
    const shown = value.slice(0, maxArrayItems).map((item) => truncated(item, depth + 1));
    return value.length > maxArrayItems
      ? [...shown, `(${value.length - maxArrayItems} more items)`]
      : shown;
  }
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([key, child]) => [key, truncated(child, depth + 1)]),
    );
  }
  return value;
}

function truncatedText(text: string): string {
  return text.length > maxStringLength ? `${text.slice(0, maxStringLength - 1)}…` : text;
}

/** The last guard: any captured secret value, raw or JSON-escaped, becomes `{ENV_VAR}`. */
function withoutSecretValues(text: string, secrets: ReadonlyMap<string, string>): string {
  let clean = text;
  for (const [name, value] of secrets) {
    if (value.length < minSecretLength) continue;
    for (const form of new Set([value, JSON.stringify(value).slice(1, -1)])) {
      clean = clean.replaceAll(form, `{${name}}`);
    }
  }
  return clean;
}
