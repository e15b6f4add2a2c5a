import type { JsonPath } from "./conversion-plan.ts";
import { looksLikeId } from "./endpoint-template.ts";
import type { RequestSlot } from "./request-slots.ts";

/** A request as correlation sees it: what it sent, and the JSON its response returned. */
export interface CorrelationInput {
  slots: readonly RequestSlot[];
  /** Parsed JSON response body; undefined when none or not JSON. */
  responseJson: unknown;
}

/** A value of request `consumer`'s slot that request `producer`'s response returned first. */
export interface Correlation {
  producer: number;
  /** Where the value is in the producer's parsed response body. */
  path: JsonPath;
  consumer: number;
  slotIndex: number;
  /** The producer's value was a number or boolean and the consumer sent it as a JSON string. */
  asString: boolean;
}

/** Leaves looked at per response, so a huge body cannot make planning slow. */
const maxLeavesPerResponse = 2_000;
const maxDepth = 32;

const idName =
  /^(id|uuid|guid)$|(Id|ID|_id|Uuid|_uuid|Guid|Token|_token|Key|_key|Code|_code|Ref|_ref)$|^(token|code|key|ref|slug|number)$/;
const tokenShape = /^(?=.*\d)(?=.*[A-Za-z])[A-Za-z0-9+/_.=-]{16,}$/;

interface Produced {
  producer: number;
  path: JsonPath;
  value: string | number;
}

/**
 * Values that one response returns and a later request sends (the order id from
 * `POST /orders` in `GET /orders/{id}`), in capture order. A value counts only when it reads
 * like an identifier or token, and only when no request sent it before the response returned
 * it (a value the client already knew did not come from the response).
 */
export function findCorrelations(requests: readonly CorrelationInput[]): Correlation[] {
  const correlations: Correlation[] = [];
  const produced = new Map<string, Produced>();
  const sentBefore = new Set<string>();

  requests.forEach((request, consumer) => {
    request.slots.forEach((slot, slotIndex) => {
      if (slot.value === null || typeof slot.value === "boolean") return;
      const source = produced.get(String(slot.value));
      if (!source || !fitsConsumer(source, slot)) return;
      if (typeof slot.value === "number" && typeof source.value !== "number") return;
      correlations.push({
        producer: source.producer,
        path: source.path,
        consumer,
        slotIndex,
        asString: typeof slot.value === "string" && typeof source.value === "number",
      });
    });
    for (const slot of request.slots) {
      if (slot.value !== null) sentBefore.add(String(slot.value));
    }
    for (const leaf of correlatableLeaves(request.responseJson)) {
      const key = String(leaf.value);
      if (!sentBefore.has(key)) produced.set(key, { producer: consumer, ...leaf });
    }
  });
  return correlations;
}

/**
 * Credentials and cookies are never flow variables: a session token from a login response
 * would otherwise chain every request of a capture into one flow. They stay secrets (env vars).
 * Numbers are too often quantities: they correlate only into places named like ids.
 */
function fitsConsumer(source: Produced, slot: RequestSlot): boolean {
  const place = slot.place;
  if (place.kind === "credential" || place.kind === "cookie") return false;
  if (typeof source.value === "string") return true;
  switch (place.kind) {
    case "path-segment":
      return true;
    case "query":
    case "form":
    case "multipart":
    case "header":
      return idName.test(place.name);
    case "json": {
      const key = place.path.findLast((step) => typeof step === "string");
      return key !== undefined && idName.test(key);
    }
    case "text-token":
      return false;
  }
}

function correlatableLeaves(json: unknown): { path: JsonPath; value: string | number }[] {
  const leaves: { path: JsonPath; value: string | number }[] = [];
  const walk = (value: unknown, path: JsonPath, key: string | undefined, depth: number): void => {
    if (leaves.length >= maxLeavesPerResponse || depth > maxDepth) return;
    if (Array.isArray(value)) {
      value.forEach((item, index) => walk(item, [...path, index], key, depth + 1));
    } else if (typeof value === "object" && value !== null) {
      for (const [childKey, child] of Object.entries(value)) {
        walk(child, [...path, childKey], childKey, depth + 1);
      }
    } else if (key !== undefined && isIdentifierValue(key, value)) {
      leaves.push({ path, value });
    }
  };
  walk(json, [], undefined, 0);
  return leaves;
}

function isIdentifierValue(key: string, value: unknown): value is string | number {
  if (typeof value === "number") return Number.isSafeInteger(value) && idName.test(key);
  if (typeof value !== "string" || value.length < 4 || /\s/.test(value)) return false;
  return idName.test(key) || looksLikeId(value) || tokenShape.test(value);
}
