/**
 * Journeys stay whole: a request that reads or changes what an earlier write of the capture
 * changed belongs to that write's flow, in capture order. Apart, Playwright would run them as
 * separate tests in parallel ("set the shop to manual 35 minutes" beside "read the precise
 * ETA"), or a later step would lose the state its expectation was captured in.
 */
import { nameWords } from "../model/identifier-names.ts";
import { isIdSegment, looksLikeId } from "./endpoint-template.ts";
import { relativeUrl } from "./request-slots.ts";

const readMethods = new Set(["GET", "HEAD", "OPTIONS"]);
/** Path words that name no resource. */
const genericWord = /^(v\d+|api|rest|public|internal|admin)$/;

export interface StateLinkInput {
  request: { method: string; url: string };
}

/**
 * Pairs (earlier write, later request): each request is linked to the latest earlier write of
 * its resource family. A create (a POST to a path without ids) starts a resource of its own
 * and is linked to nothing earlier, so a capture of the same journey done twice stays two flows.
 */
export function stateLinks(requests: readonly StateLinkInput[]): [number, number][] {
  const latestWrite = new Map<string, number>();
  const links: [number, number][] = [];
  requests.forEach((item, index) => {
    const family = resourceFamily(item.request.url);
    if (!isCreate(item.request)) {
      const write = Math.max(-1, ...family.map((word) => latestWrite.get(word) ?? -1));
      if (write !== -1) links.push([write, index]);
    }
    if (!readMethods.has(item.request.method.toUpperCase())) {
      for (const word of family) latestWrite.set(word, index);
    }
  });
  return links;
}

function isCreate(request: StateLinkInput["request"]): boolean {
  const path = relativeUrl(request.url).split(/[?#]/, 1)[0] ?? "";
  return (
    request.method.toUpperCase() === "POST" &&
    !path
      .split("/")
      .some((segment, index, segments) => segment !== "" && isIdSegment(segments, index))
  );
}

/** `/v1/shops/1/eta-settings` → shop, eta, setting: the singular words of its resource segments. */
export function resourceFamily(url: string): string[] {
  const path = relativeUrl(url).split(/[?#]/, 1)[0] ?? "";
  return [
    ...new Set(
      path
        .split("/")
        .filter((segment) => /^[A-Za-z][A-Za-z_-]*$/.test(segment) && !looksLikeId(segment))
        .flatMap((segment) => nameWords(segment))
        .map(singular)
        .filter((word) => !genericWord.test(word)),
    ),
  ];
}

function singular(word: string): string {
  if (/ies$/.test(word)) return `${word.slice(0, -3)}y`;
  if (/[^s]s$/.test(word)) return word.slice(0, -1);
  return word;
}
