/**
 * What an identifier identifies, read from the names around it: `menuItemId` is a menu item,
 * the `id` of an `items` element is an item, the `id` at the root of a `/v1/orders` response is
 * an order, and the path segment after `/orders/` is an order. Small numbers and short codes
 * repeat by chance across unrelated things; they correlate only between places of one kind.
 */
import { nameWords } from "../model/identifier-names.ts";
import type { JsonPath } from "./conversion-plan.ts";
import { looksLikeId } from "./endpoint-template.ts";
import type { SlotPlace } from "./request-slots.ts";

/** Lower-case singular words, e.g. `["menu", "item"]`; never empty. */
export type ValueKind = readonly string[];

/** Words that say "identifier" and nothing of what it identifies. */
const idWord = /^(id|uuid|guid)$/;
/** Keys that only wrap the resource: the `id` under `data` is still the order's. */
const wrapperKey = /^(data|result|results|payload|response|body|content|record|entity)$/i;
/** Header name prefixes that say nothing of the value (`X-Order-Id`). */
const headerPrefix = /^x$/;

/** Kinds of a value the response at `url` returned at `path`. */
export function producedKinds(path: JsonPath, url: string): ValueKind[] {
  const key = path.at(-1);
  return typeof key === "string" ? namedKinds(key, jsonOwners(path, url)) : [];
}

/** Kinds of a value a request to `url` sent at `place`. */
export function sentKinds(place: SlotPlace, url: string): ValueKind[] {
  switch (place.kind) {
    case "path-segment": {
      const previous = pathSegments(url)[place.index - 1];
      return previous !== undefined && isResource(previous) ? [kindWords(previous)] : [];
    }
    case "query":
    case "form":
    case "multipart":
      return namedKinds(place.name, () => resourceKinds(url));
    case "header": {
      const words = nameWords(place.name);
      const unprefixed = headerPrefix.test(words[0] ?? "") ? words.slice(1) : words;
      return namedKinds(unprefixed.join(" "), () => resourceKinds(url));
    }
    case "json": {
      const key = place.path.findLast((step) => typeof step === "string");
      return key === undefined ? [] : namedKinds(key, jsonOwners(place.path, url));
    }
    case "credential":
    case "cookie":
    case "text-token":
      return [];
  }
}

/** One kind of each side names the same thing, the longer ending in the shorter's words. */
export function kindsMatch(a: readonly ValueKind[], b: readonly ValueKind[]): boolean {
  return a.some((one) => b.some((other) => endsWith(one, other) || endsWith(other, one)));
}

function endsWith(words: ValueKind, tail: ValueKind): boolean {
  if (tail.length === 0 || tail.length > words.length) return false;
  const offset = words.length - tail.length;
  return tail.every((word, index) => words[offset + index] === word);
}

/** `menuItemId` → menu item; a bare `id` is its owner's (`() => …`); `token` stays token. */
function namedKinds(name: string, owners: () => ValueKind[]): ValueKind[] {
  const words = kindWords(name);
  while (words.length > 0 && idWord.test(words.at(-1)!)) words.pop();
  return words.length > 0 ? [words] : owners();
}

/** What holds a JSON value: the nearest key above it, else the resources of the URL. */
function jsonOwners(path: JsonPath, url: string): () => ValueKind[] {
  return () => {
    const owner = path.slice(0, -1).findLast((step) => typeof step === "string");
    if (owner !== undefined && !wrapperKey.test(owner)) {
      const words = kindWords(owner);
      if (words.length > 0) return [words];
    }
    return resourceKinds(url);
  };
}

/** `/v1/shops/7/menu-items` → shop, menu item. */
function resourceKinds(url: string): ValueKind[] {
  return pathSegments(url)
    .filter(isResource)
    .map(kindWords)
    .filter((words) => words.length > 0);
}

function pathSegments(url: string): string[] {
  return (url.split(/[?#]/, 1)[0] ?? "").split("/");
}

function isResource(segment: string): boolean {
  return /^[A-Za-z][A-Za-z_-]*$/.test(segment) && !looksLikeId(segment);
}

function kindWords(name: string): string[] {
  return nameWords(name).map(singular);
}

function singular(word: string): string {
  if (/ies$/.test(word)) return `${word.slice(0, -3)}y`;
  if (/[^s]s$/.test(word)) return word.slice(0, -1);
  return word;
}
