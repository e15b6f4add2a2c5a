/**
 * Pairs what curl sent with what the generated test sent, and lists every difference between
 * the two sides after normalisation. Nothing here decides whether a difference is acceptable.
 */
import { NORMALISATION_RULES, requestFingerprint } from "./wire-normalisation.ts";
import type { NormalisationRuleId, NormalisedRequest } from "./wire-normalisation.ts";
import type { ReceivedPart } from "./multipart-body.ts";

export type DifferenceAspect = "method" | "target" | "header" | "body" | "part" | "request";

export interface WireDifference {
  aspect: DifferenceAspect;
  /** The header or part name; for `request`, the method and target of the lone request. */
  subject: string;
  /** What each side sent, in words; values may hold secrets, so mask before printing. */
  curl: string;
  test: string;
}

export interface RequestPair {
  curl: NormalisedRequest | undefined;
  test: NormalisedRequest | undefined;
  differences: WireDifference[];
}

export interface PairedRequests {
  pairs: RequestPair[];
  /** Rules that fired on either side of any pair. */
  applied: Set<NormalisationRuleId>;
}

/** Repeats collapse; identical requests pair first, then the closest by method and target. */
export function pairRequests(
  curlRequests: NormalisedRequest[],
  testRequests: NormalisedRequest[],
): PairedRequests {
  const applied = new Set<NormalisationRuleId>();
  const curl = distinct(curlRequests, applied);
  const test = distinct(testRequests, applied);
  const pairs: RequestPair[] = [];

  for (let index = curl.length - 1; index >= 0; index--) {
    const candidate = curl[index];
    if (candidate === undefined) continue;
    const fingerprint = requestFingerprint(candidate);
    const match = test.findIndex((request) => requestFingerprint(request) === fingerprint);
    if (match === -1) continue;
    pairs.push({ curl: candidate, test: test[match], differences: [] });
    curl.splice(index, 1);
    test.splice(match, 1);
  }

  // Closest first: same method and target, then same target, then same path. Requests to
  // different paths are not the same request: each is reported as sent by one side only.
  for (const score of [3, 2, 1]) {
    for (let index = 0; index < curl.length;) {
      const candidate = curl[index];
      const match =
        candidate === undefined
          ? -1
          : test.findIndex((request) => closeness(candidate, request) >= score);
      const counterpart = test[match];
      if (candidate === undefined || counterpart === undefined) {
        index++;
        continue;
      }
      pairs.push({
        curl: candidate,
        test: counterpart,
        differences: compareRequests(candidate, counterpart),
      });
      curl.splice(index, 1);
      test.splice(match, 1);
    }
  }
  for (const request of curl) {
    pairs.push({ curl: request, test: undefined, differences: [lone(request, "curl")] });
  }
  for (const request of test) {
    pairs.push({ curl: undefined, test: request, differences: [lone(request, "test")] });
  }
  for (const pair of pairs) {
    for (const rule of pair.curl?.applied ?? []) applied.add(rule);
    for (const rule of pair.test?.applied ?? []) applied.add(rule);
    if (pair.curl && pair.test && !sameOrder(pair.curl.nameOrder, pair.test.nameOrder)) {
      applied.add(NORMALISATION_RULES.fieldOrder.id);
    }
  }
  return { pairs, applied };
}

function distinct(
  requests: NormalisedRequest[],
  applied: Set<NormalisationRuleId>,
): NormalisedRequest[] {
  const seen = new Map<string, NormalisedRequest>();
  for (const request of requests) {
    const fingerprint = requestFingerprint(request);
    if (seen.has(fingerprint)) applied.add(NORMALISATION_RULES.identicalRequests.id);
    else seen.set(fingerprint, request);
  }
  return [...seen.values()];
}

/** Whether the names both requests have came in the same order. */
function sameOrder(a: string[], b: string[]): boolean {
  const common = (names: string[], other: string[]) => names.filter((name) => other.includes(name));
  return common(a, b).join("\n") === common(b, a).join("\n");
}

function closeness(a: NormalisedRequest, b: NormalisedRequest): number {
  if (a.target === b.target) return a.method === b.method ? 3 : 2;
  return pathOf(a.target) === pathOf(b.target) ? 1 : 0;
}

function pathOf(target: string): string {
  const query = target.indexOf("?");
  return query === -1 ? target : target.slice(0, query);
}

function lone(request: NormalisedRequest, sender: "curl" | "test"): WireDifference {
  const subject = `${request.method} ${request.target}`;
  return sender === "curl"
    ? { aspect: "request", subject, curl: "sent", test: "not sent" }
    : { aspect: "request", subject, curl: "not sent", test: "sent" };
}

function compareRequests(curl: NormalisedRequest, test: NormalisedRequest): WireDifference[] {
  const differences: WireDifference[] = [];
  if (curl.method !== test.method) {
    differences.push({ aspect: "method", subject: "method", curl: curl.method, test: test.method });
  }
  if (curl.target !== test.target) {
    differences.push({ aspect: "target", subject: "target", curl: curl.target, test: test.target });
  }
  const curlHeaders = new Map(curl.headers);
  const testHeaders = new Map(test.headers);
  for (const name of new Set([...curlHeaders.keys(), ...testHeaders.keys()])) {
    const curlValue = curlHeaders.get(name);
    const testValue = testHeaders.get(name);
    if (curlValue === testValue) continue;
    differences.push({
      aspect: "header",
      subject: name,
      curl: curlValue ?? "(absent)",
      test: testValue ?? "(absent)",
    });
  }
  differences.push(...compareBodies(curl, test));
  return differences;
}

function compareBodies(curl: NormalisedRequest, test: NormalisedRequest): WireDifference[] {
  const a = curl.body;
  const b = test.body;
  if (a.kind === "bytes" && b.kind === "bytes") {
    if (a.bytes.equals(b.bytes)) return [];
    const [left, right] = describeBytesApart(a.bytes, b.bytes);
    return [{ aspect: "body", subject: "body", curl: left, test: right }];
  }
  if (a.kind === "multipart" && b.kind === "multipart") {
    const differences: WireDifference[] = [];
    const count = Math.max(a.parts.length, b.parts.length);
    for (let index = 0; index < count; index++) {
      differences.push(...compareParts(a.parts[index], b.parts[index]));
    }
    return differences;
  }
  const describe = (body: typeof a) =>
    body.kind === "bytes"
      ? describeBytesApart(body.bytes, Buffer.alloc(0))[0]
      : `multipart, ${body.parts.length} part(s)`;
  return [{ aspect: "body", subject: "body", curl: describe(a), test: describe(b) }];
}

/** Part differences carry `name NUL property` as subject, so a warning can be matched to both. */
function compareParts(
  left: ReceivedPart | undefined,
  right: ReceivedPart | undefined,
): WireDifference[] {
  const name = left?.name ?? right?.name ?? "";
  const subject = (property: string) => `${name}\u0000${property}`;
  if (left === undefined || right === undefined) {
    return [
      {
        aspect: "part",
        subject: subject("presence"),
        curl: left === undefined ? "(absent)" : "sent",
        test: right === undefined ? "(absent)" : "sent",
      },
    ];
  }
  const differences: WireDifference[] = [];
  const text = (value: string | undefined) => value ?? "(none)";
  if (left.name !== right.name) {
    differences.push({
      aspect: "part",
      subject: subject("name"),
      curl: text(left.name),
      test: text(right.name),
    });
  }
  if (left.filename !== right.filename) {
    differences.push({
      aspect: "part",
      subject: subject("filename"),
      curl: text(left.filename),
      test: text(right.filename),
    });
  }
  if (left.contentType !== right.contentType) {
    differences.push({
      aspect: "part",
      subject: subject("content-type"),
      curl: text(left.contentType),
      test: text(right.contentType),
    });
  }
  if (!left.bytes.equals(right.bytes)) {
    const [curlBytes, testBytes] = describeBytesApart(left.bytes, right.bytes);
    differences.push({
      aspect: "part",
      subject: subject("bytes"),
      curl: curlBytes,
      test: testBytes,
    });
  }
  return differences;
}

/** Both byte strings around the first place they differ, as short JSON-quoted excerpts. */
function describeBytesApart(a: Buffer, b: Buffer): [string, string] {
  let at = 0;
  while (at < a.length && at < b.length && a[at] === b[at]) at++;
  const start = Math.max(0, at - 20);
  const excerpt = (bytes: Buffer) => {
    if (bytes.length === 0) return "empty";
    const shown = bytes.subarray(start, start + 60).toString("utf8");
    const prefix = start > 0 ? "..." : "";
    const suffix = start + 60 < bytes.length ? "..." : "";
    return `${bytes.length} bytes, from byte ${start}: ${prefix}${JSON.stringify(shown)}${suffix}`;
  };
  return [excerpt(a), excerpt(b)];
}
