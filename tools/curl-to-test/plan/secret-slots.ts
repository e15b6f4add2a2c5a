import type { CapturedRequest } from "../model/captured-request.ts";
import type { JsonPath } from "./conversion-plan.ts";
import { secretFieldInJson, textBodySecretSpans, withSpanSlots } from "./embedded-secrets.ts";
import type { SecretSpan } from "./embedded-secrets.ts";
import { jsonPathText } from "./json-path-text.ts";
import { jsonTextLeaves } from "./json-text-leaves.ts";
import type { SecretLocator, SecretSlot } from "./plan-conversion.ts";
import type { RequestSlot } from "./request-slots.ts";
import { relativeUrl, requestSlots } from "./request-slots.ts";
import { findSecrets } from "./secret-finder.ts";
import { envNameOf } from "./secret-names.ts";
import type { SecretFinding } from "./secret-finder.ts";
import { noDetectedSecrets, scanWithSecretlint } from "./secretlint-scan.ts";
import type { DetectedSecrets } from "./secretlint-scan.ts";

/**
 * The slots that hold secrets: where `findSecrets` says by name and shape, where secretlint's
 * rules (`detected`) recognise a value, and where a form field or header carries JSON with a
 * secret-named field. A free-text body gets a slot for each secret span in it. A finding no
 * slot holds is reported as unplaced, and the planner refuses that request rather than render
 * its secret. Secrets in the response are returned as paths, so they are asserted by type.
 */
export function secretSlotLocator(detected: DetectedSecrets = noDetectedSecrets): SecretLocator {
  return (request, found) => {
    const { slots, spanOf } = withBodySecretSpans(request, found, detected);
    const located = placeFindings(request, slots, spanOf);
    const taken = new Set(located.placed.map((secret) => secret.slotIndex));
    slots.forEach((slot, slotIndex) => {
      if (taken.has(slotIndex)) return;
      const span = spanOf.get(slotIndex);
      const secret = span
        ? { slotIndex, envName: span.envName, description: span.description }
        : (valueSecret(slot, slotIndex, detected) ?? urlSecret(request, slot, slotIndex, detected));
      if (secret) located.placed.push(secret);
    });
    return {
      slots: located.placed,
      unplaced: located.unplaced,
      responsePaths: [...detectedResponsePaths(request, detected), ...located.responsePaths],
      requestSlots: slots,
    };
  };
}

/** A free-text body gets a slot for each secret span in it; other requests keep their slots. */
function withBodySecretSpans(
  request: CapturedRequest,
  found: readonly RequestSlot[],
  detected: DetectedSecrets,
): { slots: RequestSlot[]; spanOf: Map<number, SecretSpan> } {
  const body = request.body;
  if (body.kind !== "text" || !isFreeText(found)) return { slots: [...found], spanOf: new Map() };
  return withSpanSlots(body.text, found, textBodySecretSpans(body.text, detected));
}

/** The slots holding what `findSecrets` reports; a span slot is never claimed twice. */
function placeFindings(
  request: CapturedRequest,
  slots: readonly RequestSlot[],
  spanOf: ReadonlyMap<number, SecretSpan>,
): { placed: SecretSlot[]; unplaced: string[]; responsePaths: JsonPath[] } {
  const placed: SecretSlot[] = [];
  const unplaced: string[] = [];
  const responsePaths: JsonPath[] = [];
  for (const finding of findSecrets(request)) {
    const place = finding.place;
    if (place.kind === "response-json") {
      responsePaths.push(place.path);
      continue;
    }
    // Response headers are never asserted; URL user info never reaches a test (requests are
    // relative to baseURL, and the intake already sent it as an Authorization header).
    if (
      place.kind === "response-header" ||
      place.kind === "response-cookie" ||
      place.kind === "url-userinfo"
    ) {
      continue;
    }
    const indexes = slots.flatMap((slot, index) =>
      holds(slot, finding) && !spanOf.has(index) ? [index] : [],
    );
    // A JWT in free text may have been merged into a wider secret span, which holds it.
    const inSpan = place.kind === "text-body" && spanOf.size > 0;
    if (indexes.length === 0 && !inSpan) unplaced.push(finding.description);
    for (const slotIndex of indexes) {
      placed.push({ slotIndex, envName: finding.envName, description: finding.description });
    }
  }
  return { placed, unplaced, responsePaths };
}

export const locateSecretSlots: SecretLocator = secretSlotLocator();

/** Runs secretlint once over every value the requests send and their responses return. */
export function detectCapturedSecrets(
  requests: readonly CapturedRequest[],
): Promise<DetectedSecrets> {
  return scanWithSecretlint(requests.flatMap(capturedTexts));
}

function capturedTexts(request: CapturedRequest): string[] {
  const texts = requestSlots(request).flatMap((slot) =>
    typeof slot.value === "string" ? [slot.value] : [],
  );
  if (request.body.kind === "text") texts.push(request.body.text);
  texts.push(request.url);
  for (const leaf of responseLeaves(request)) {
    if (typeof leaf.value === "string") texts.push(leaf.value);
  }
  return texts;
}

function responseLeaves(request: CapturedRequest): ReturnType<typeof jsonTextLeaves> & object {
  const text = request.response?.bodyText;
  return text === undefined ? [] : (jsonTextLeaves(text) ?? []);
}

function detectedResponsePaths(request: CapturedRequest, detected: DetectedSecrets): JsonPath[] {
  return responseLeaves(request).flatMap((leaf) =>
    typeof leaf.value === "string" && detected.has(leaf.value) ? [leaf.path] : [],
  );
}

/** A body whose slots are neither JSON fields nor form fields. */
function isFreeText(slots: readonly RequestSlot[]): boolean {
  return !slots.some(
    (slot) =>
      slot.area.kind === "body" && (slot.place.kind === "json" || slot.place.kind === "form"),
  );
}

/** A slot whose value secretlint recognises, or that carries JSON with a secret-named field. */
function valueSecret(
  slot: RequestSlot,
  slotIndex: number,
  detected: DetectedSecrets,
): SecretSlot | undefined {
  if (typeof slot.value !== "string") return undefined;
  const kind = detected.get(slot.value)?.[0]?.kind;
  const field = kind === undefined ? secretFieldInJson(slot.value) : null;
  if (kind === undefined && field === null) return undefined;
  const where = placeWords(slot);
  return {
    slotIndex,
    envName: envNameOf(...where.envWords, ...(field === null ? [] : field.split(/[.[\]]+/))),
    description: `${where.description} (${kind ?? `JSON field ${field}`})`,
  };
}

/**
 * A part of the URL inside what secretlint recognises in the whole URL (a Slack webhook's
 * `/services/T…/B…/…`): each such path segment or query value that is not a plain word.
 */
function urlSecret(
  request: CapturedRequest,
  slot: RequestSlot,
  slotIndex: number,
  detected: DetectedSecrets,
): SecretSlot | undefined {
  const hits = detected.get(request.url);
  if (!hits || slot.area.kind !== "url" || typeof slot.value !== "string") return undefined;
  const raw = relativeUrl(request.url).slice(slot.start, slot.end);
  if (/^[a-z]*$/.test(raw)) return undefined;
  const hit = hits.find((each) => request.url.slice(each.start, each.end).includes(raw));
  if (!hit) return undefined;
  const where = placeWords(slot);
  return {
    slotIndex,
    envName: envNameOf(...where.envWords),
    description: `${where.description} (${hit.kind})`,
  };
}

function placeWords(slot: RequestSlot): { envWords: string[]; description: string } {
  const place = slot.place;
  switch (place.kind) {
    case "header":
      return { envWords: [place.name], description: `${place.name} header` };
    case "credential":
      return { envWords: [place.header], description: `${place.header} header credential` };
    case "cookie":
      return { envWords: ["cookie", place.name], description: `cookie ${place.name}` };
    case "query":
      return { envWords: ["query", place.name], description: `query parameter ${place.name}` };
    case "json":
      return {
        envWords: ["body", ...place.path.map(String)],
        description: `body field ${jsonPathText(place.path)}`,
      };
    case "form":
    case "multipart":
      return { envWords: ["form", place.name], description: `form field ${place.name}` };
    case "path-segment":
      return {
        envWords: ["path", "segment", String(place.index)],
        description: `URL path segment ${place.index}`,
      };
    case "text-token":
      return { envWords: ["body", "secret"], description: "the request body" };
  }
}

function holds(slot: RequestSlot, finding: SecretFinding): boolean {
  const place = finding.place;
  const area = slot.area;
  const at = slot.place;
  switch (place.kind) {
    case "credential":
      return area.kind === "header" && area.index === place.headerIndex && at.kind === "credential";
    case "header":
      return area.kind === "header" && area.index === place.headerIndex && at.kind === "header";
    case "cookie":
      return (
        area.kind === "header" &&
        area.index === place.headerIndex &&
        at.kind === "cookie" &&
        at.name === place.cookie
      );
    case "query":
      return at.kind === "query" && at.name === place.parameter;
    case "path-segment":
      return at.kind === "path-segment" && at.index === place.index;
    case "json":
      return at.kind === "json" && JSON.stringify(at.path) === JSON.stringify(place.path);
    case "form":
      return at.kind === "form" && at.name === place.field;
    case "multipart":
      return area.kind === "multipart" && area.index === place.partIndex;
    case "text-body":
      return at.kind === "text-token";
    default:
      return false;
  }
}
