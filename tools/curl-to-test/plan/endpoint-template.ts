/**
 * Endpoint groups: requests with the same method and path template (`GET /v1/orders/{id}`)
 * share one spec file. A path segment is a parameter when it looks like an identifier, or when
 * a flow variable fills it.
 */
import { specNameWords } from "./spec-name.ts";
import type { PathSegment } from "./spec-name.ts";

export interface EndpointTemplate {
  /** `GET /v1/orders/{id}`: the group's key and its spec's title. */
  title: string;
  /** `["get", "order"]`, `["cancel", "order"]`: names the spec file and the group's types. */
  nameWords: string[];
}

const versionOrPrefix = /^(v?\d+(\.\d+)+|v\d+|api|rest)$/i;

/** `{ORDER_PATH_SEGMENT_3}`: an env var or variable stands there, never a resource name. */
function isPlaceholder(segment: string): boolean {
  return /^\{[^{}]+\}$/.test(segment);
}

/** Does a path segment look like an identifier rather than a resource name? */
export function looksLikeId(segment: string): boolean {
  if (/^\d+$/.test(segment)) return true;
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(segment)) return true;
  if (/^[0-9a-f]{16,}$/i.test(segment)) return true;
  // Prefixed ids and ULID-like tokens: long, mixed letters and digits, no spaces.
  return segment.length >= 8 && /^[A-Za-z0-9_-]+$/.test(segment) && /\d/.test(segment);
}

/**
 * A short id whose prefix abbreviates the collection it sits under: `ord-1` in `/orders/ord-1`,
 * `r-7` in `/receipts/r-7`, `step_2` in `/steps/step_2`. The prefix's letters must start the
 * collection's name and appear in it in order, so words such as `utf-8` under `/charset`,
 * `top-10` under `/items` or `v2-1` stay path words.
 */
export function looksLikePrefixedId(segment: string, collection: string | undefined): boolean {
  const prefix = /^([A-Za-z]{1,8})[-_]\d+$/.exec(segment)?.[1]?.toLowerCase();
  const name = collection?.toLowerCase();
  if (prefix === undefined || name === undefined || name[0] !== prefix[0]) return false;
  let from = 0;
  for (const letter of prefix) {
    const at = name.indexOf(letter, from);
    if (at === -1) return false;
    from = at + 1;
  }
  return true;
}

/** Is the path segment at `index` an identifier: by its shape, or as a collection's short id? */
export function isIdSegment(segments: readonly string[], index: number): boolean {
  const segment = segments[index] ?? "";
  return looksLikeId(segment) || looksLikePrefixedId(segment, segments[index - 1]);
}

/**
 * The template of a relative URL's path. `variableSegments` are the indexes (in the path split
 * on `/`) that a flow variable fills; they become parameters whatever they look like.
 */
export function endpointTemplate(options: {
  method: string;
  url: string;
  variableSegments?: ReadonlySet<number>;
  /** The captured host: names a request to the root path. */
  host?: string;
}): EndpointTemplate {
  const path = options.url.split("?", 1)[0]!;
  const segments = path.split("/");
  const parameterIndexes = segments
    .map((segment, index) => ({ segment, index }))
    .filter(
      ({ segment, index }) =>
        segment.length > 0 &&
        (options.variableSegments?.has(index) ||
          isIdSegment(segments, index) ||
          isPlaceholder(segment)),
    )
    .map(({ index }) => index);
  const lastParameter = parameterIndexes.at(-1);

  const templated: string[] = [];
  const named: PathSegment[] = [];
  const usedNames = new Set<string>();
  segments.forEach((segment, index) => {
    if (!parameterIndexes.includes(index)) {
      templated.push(segment);
      if (segment.length > 0 && !versionOrPrefix.test(segment)) {
        named.push({ text: segment, isParameter: false });
      }
      return;
    }
    const previous = segments[index - 1];
    const owner = previous && !parameterIndexes.includes(index - 1) ? singular(previous) : "";
    const base = index === lastParameter || owner === "" ? "id" : `${owner}Id`;
    let name = base;
    for (let suffix = 2; usedNames.has(name); suffix += 1) name = `${base}${suffix}`;
    usedNames.add(name);
    templated.push(`{${name}}`);
    named.push({ text: name, isParameter: true });
  });
  return {
    title: `${options.method} ${templated.join("/") || "/"}`,
    nameWords: specNameWords(options.method, named, options.host),
  };
}

function singular(word: string): string {
  const camel = word.replace(/[^A-Za-z0-9]+([A-Za-z0-9])/g, (_, next: string) =>
    next.toUpperCase(),
  );
  if (/ies$/.test(camel)) return `${camel.slice(0, -3)}y`;
  if (/[^s]s$/.test(camel)) return camel.slice(0, -1);
  return camel;
}
