import type { JsonPath } from "./conversion-plan.ts";
import { looksLikeId } from "./endpoint-template.ts";
import type { RequestSlot } from "./request-slots.ts";
import { relativeUrl } from "./request-slots.ts";
import { kindsMatch, producedKinds, sentKinds } from "./value-kind.ts";
import type { ValueKind } from "./value-kind.ts";

/** A request as correlation sees it: where it went, what it sent, the JSON it got back. */
export interface CorrelationInput {
  request: { url: string };
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

/** Shorter values repeat by chance across unrelated things (see isDistinctive). */
const minDistinctiveText = 8;
const minDistinctiveNumber = 100_000;

interface Produced {
  producer: number;
  path: JsonPath;
  value: string | number;
  kinds: ValueKind[];
}

/** The kinds of thing a value was sent as, each once (`[]` when its place named none). */
type SentKinds = Map<string, ValueKind>;

/**
 * Values that one response returns and a later request sends (the order id from
 * `POST /orders` in `GET /orders/{id}`), in capture order. A value counts only when it reads
 * like an identifier or token, and only when the client had not sent it before a response
 * first returned it (a value the client already knew did not come from a response). A value
 * that is not distinctive (a small number, a short code) also needs the same kind on both
 * sides: a menu item id never feeds an order id that happens to be equal. The latest response
 * that returned a value is its source, unless that response merely echoed what its own request
 * sent, or listed in an array what an earlier response returned as its own.
 */
export function findCorrelations(requests: readonly CorrelationInput[]): Correlation[] {
  const correlations: Correlation[] = [];
  const produced = new Map<string, Produced[]>();
  const sentBefore = new Map<string, SentKinds>();

  requests.forEach((request, consumer) => {
    const url = relativeUrl(request.request.url);
    const sentNow = new Map<string, SentKinds>();
    request.slots.forEach((slot, slotIndex) => {
      if (slot.value === null || typeof slot.value === "boolean") return;
      const key = String(slot.value);
      const kinds = sentKinds(slot.place, url);
      noteSent(sentNow, key, kinds);
      const source = latestMatching(produced.get(key), kinds);
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
    for (const [key, kinds] of sentNow) noteSent(sentBefore, key, [...kinds.values()]);

    for (const leaf of correlatableLeaves(request.responseJson)) {
      const key = String(leaf.value);
      const candidate: Produced = {
        producer: consumer,
        ...leaf,
        kinds: producedKinds(leaf.path, url),
      };
      if (!isDistinctive(leaf.value) && candidate.kinds.length === 0) continue;
      if (wasSent(sentNow.get(key), candidate)) continue;
      const earlier = produced.get(key) ?? [];
      const same = earlier.findIndex((entry) => sameThing(entry, candidate));
      if (same !== -1) {
        // A list that shows the resource again did not produce it: the create (or read) that
        // returned it as its own stays the source, so a flow never cancels "the first order
        // of the list". Returned again as a resource's own value, the nearer response is the
        // likelier source of what follows.
        if (isListed(candidate.path) && !isListed(earlier[same]!.path)) continue;
        earlier.splice(same, 1);
      } else if (wasSent(sentBefore.get(key), candidate)) {
        continue;
      }
      earlier.push(candidate);
      produced.set(key, earlier);
    }
  });
  return correlations;
}

/**
 * Long strings with digits, UUIDs, tokens and numbers of six digits or more: unlikely to repeat
 * by chance, so they correlate whatever the names around them.
 */
function isDistinctive(value: string | number): boolean {
  if (typeof value === "number") return Math.abs(value) >= minDistinctiveNumber;
  return value.length >= minDistinctiveText && (looksLikeId(value) || tokenShape.test(value));
}

function isListed(path: JsonPath): boolean {
  return path.some((step) => typeof step === "number");
}

function sameThing(a: Produced, b: Produced): boolean {
  return isDistinctive(a.value) || kindsMatch(a.kinds, b.kinds);
}

function noteSent(sent: Map<string, SentKinds>, key: string, kinds: readonly ValueKind[]): void {
  const known = sent.get(key) ?? new Map<string, ValueKind>();
  sent.set(key, known);
  for (const kind of kinds.length > 0 ? kinds : [[]]) known.set(kind.join(" "), kind);
}

/** Was the produced value sent before, as the same kind of thing? */
function wasSent(sent: SentKinds | undefined, candidate: Produced): boolean {
  if (!sent) return false;
  return isDistinctive(candidate.value) || kindsMatch([...sent.values()], candidate.kinds);
}

/** The latest response value a slot of these kinds can take. */
function latestMatching(
  entries: readonly Produced[] | undefined,
  kinds: readonly ValueKind[],
): Produced | undefined {
  return entries?.findLast((entry) => isDistinctive(entry.value) || kindsMatch(entry.kinds, kinds));
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
