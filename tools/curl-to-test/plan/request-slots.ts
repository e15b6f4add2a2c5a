import type { CapturedRequest, NameValue } from "../model/captured-request.ts";
import { cookiePieces } from "../../../src/shared/cookie-pairs.ts";
import type { JsonPath, ValueEncoding } from "./conversion-plan.ts";
import { jsonTextLeaves } from "./json-text-leaves.ts";
import { percentDecodedOrKept } from "./percent-decoding.ts";

/**
 * The places in a request where a value sits that could come from somewhere else: a secret
 * from an env var, or an id from an earlier response. The planner replaces slots; everything
 * between slots stays the captured text, byte for byte.
 */
export interface RequestSlot {
  area: SlotArea;
  /** Offsets of the value's raw text in its area, end exclusive. */
  start: number;
  end: number;
  /** The value as it means (percent-decoded, JSON-decoded); JSON scalars keep their type. */
  value: string | number | boolean | null;
  /** How `value` is written to give the raw text. */
  encoding: ValueEncoding;
  place: SlotPlace;
}

/** The texts of a request, each kept as captured. */
export type SlotArea =
  | { kind: "url" }
  | { kind: "header"; index: number }
  | { kind: "body" }
  | { kind: "multipart"; index: number };

export type SlotPlace =
  | { kind: "path-segment"; index: number }
  | { kind: "query"; name: string }
  | { kind: "header"; name: string }
  /** What follows the scheme in `Authorization: Bearer …` (the whole value when no scheme). */
  | { kind: "credential"; header: string; scheme: string | null }
  | { kind: "cookie"; name: string }
  | { kind: "json"; path: JsonPath }
  | { kind: "form"; name: string }
  | { kind: "multipart"; name: string }
  /** A JWT-shaped token inside a body that is neither JSON nor a form. */
  | { kind: "text-token" };

/** Path and raw query of a captured URL, relative to its origin; the fragment is never sent. */
export function relativeUrl(url: string): string {
  const afterOrigin = url.replace(/^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/?#]*/, "");
  const withoutFragment = afterOrigin.split("#", 1)[0]!;
  if (withoutFragment === "") return "/";
  return withoutFragment.startsWith("?") ? `/${withoutFragment}` : withoutFragment;
}

const credentialHeaders = /^(authorization|proxy-authorization)$/i;

/** Every slot of a request, in the order its texts are sent. */
export function requestSlots(request: CapturedRequest): RequestSlot[] {
  const slots: RequestSlot[] = [...urlSlots(relativeUrl(request.url))];
  request.headers.forEach((header, index) => slots.push(...headerSlots(header, index)));
  const body = request.body;
  if (body.kind === "text") slots.push(...textBodySlots(body.text, body.mimeType, request.headers));
  if (body.kind === "multipart") {
    body.parts.forEach((part, index) => {
      if (part.value !== undefined && part.filePath === undefined && part.filename === undefined) {
        slots.push({
          area: { kind: "multipart", index },
          start: 0,
          end: part.value.length,
          value: part.value,
          encoding: "none",
          place: { kind: "multipart", name: part.name },
        });
      }
    });
  }
  return slots;
}

function urlSlots(url: string): RequestSlot[] {
  const slots: RequestSlot[] = [];
  const queryStart = url.indexOf("?");
  const path = queryStart === -1 ? url : url.slice(0, queryStart);
  let offset = 0;
  path.split("/").forEach((segment, index) => {
    if (segment.length > 0) {
      slots.push({
        area: { kind: "url" },
        ...percentDecoded(segment, offset),
        place: { kind: "path-segment", index },
      });
    }
    offset += segment.length + 1;
  });
  if (queryStart !== -1) {
    for (const pair of pairs(url, queryStart + 1, url.length, "&")) {
      slots.push({
        area: { kind: "url" },
        ...percentDecoded(url.slice(pair.valueStart, pair.end), pair.valueStart),
        place: { kind: "query", name: percentDecodedOrKept(pair.name) },
      });
    }
  }
  return slots;
}

function headerSlots(header: NameValue, index: number): RequestSlot[] {
  const area: SlotArea = { kind: "header", index };
  const value = header.value;
  if (credentialHeaders.test(header.name)) {
    const scheme = /^([A-Za-z][A-Za-z0-9_-]*) +(?=\S)/.exec(value);
    const start = scheme ? scheme[0].length : 0;
    return [
      {
        area,
        start,
        end: value.length,
        value: value.slice(start),
        encoding: "none",
        place: { kind: "credential", header: header.name, scheme: scheme?.[1] ?? null },
      },
    ];
  }
  if (/^cookie$/i.test(header.name)) {
    return cookiePieces(value).map(({ name, valueStart, valueEnd }): RequestSlot => ({
      area,
      start: valueStart,
      end: valueEnd,
      value: value.slice(valueStart, valueEnd),
      encoding: "none",
      place: { kind: "cookie", name },
    }));
  }
  return [
    {
      area,
      start: 0,
      end: value.length,
      value,
      encoding: "none",
      place: { kind: "header", name: header.name },
    },
  ];
}

function textBodySlots(
  text: string,
  mimeType: string | undefined,
  headers: readonly NameValue[],
): RequestSlot[] {
  const contentType =
    mimeType ?? headers.find((header) => /^content-type$/i.test(header.name))?.value ?? "";
  const area: SlotArea = { kind: "body" };
  if (/json/i.test(contentType) || /^\s*[[{]/.test(text)) {
    const leaves = jsonTextLeaves(text);
    if (leaves) {
      return leaves.map((leaf) => ({
        area,
        start: leaf.start,
        end: leaf.end,
        value: leaf.value,
        encoding: typeof leaf.value === "string" ? "json-string" : "none",
        place: { kind: "json", path: leaf.path },
      }));
    }
  }
  if (/x-www-form-urlencoded/i.test(contentType)) {
    return pairs(text, 0, text.length, "&").map((pair) => ({
      area,
      ...percentDecoded(text.slice(pair.valueStart, pair.end), pair.valueStart),
      place: { kind: "form", name: percentDecodedOrKept(pair.name) },
    }));
  }
  return [...text.matchAll(jwtShape)].map((match) => ({
    area,
    start: match.index,
    end: match.index + match[0].length,
    value: match[0],
    encoding: "none",
    place: { kind: "text-token" },
  }));
}

const jwtShape = /eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g;

interface Pair {
  name: string;
  valueStart: number;
  end: number;
}

/** `a=1&b=2` pairs between `from` and `to`; a pair without `=` has no value slot. */
function pairs(text: string, from: number, to: number, separator: string): Pair[] {
  const found: Pair[] = [];
  let start = from;
  while (start <= to) {
    const next = text.indexOf(separator, start);
    const end = next === -1 || next > to ? to : next;
    const piece = text.slice(start, end);
    const equals = piece.indexOf("=");
    if (equals !== -1)
      found.push({ name: piece.slice(0, equals), valueStart: start + equals + 1, end });
    start = end + separator.length;
  }
  return found;
}

/**
 * A raw URL or form value and what it means. Percent-decoding is only claimed when
 * `encodeURIComponent` of the decoded value gives the raw text back, so a replaced value is
 * written exactly as the capture wrote it.
 */
function percentDecoded(
  raw: string,
  start: number,
): Pick<RequestSlot, "start" | "end" | "value" | "encoding"> {
  const end = start + raw.length;
  if (!raw.includes("%")) return { start, end, value: raw, encoding: "none" };
  const decoded = percentDecodedOrKept(raw);
  return encodeURIComponent(decoded) === raw
    ? { start, end, value: decoded, encoding: "uri-component" }
    : { start, end, value: raw, encoding: "none" };
}
