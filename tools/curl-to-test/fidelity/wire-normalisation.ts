/**
 * What two senders may legitimately do differently with the same request, as named rules. A
 * rule removes or rewrites only what it names; every rule that fired is reported beside the
 * verdict, so nothing is hidden. docs/convert-fidelity.md shows this list.
 */
import { noiseHeaderRule } from "../plan/noise-headers.ts";
import { splitMultipart } from "./multipart-body.ts";
import type { ReceivedPart } from "./multipart-body.ts";
import type { RecordedRequest } from "./recording-server.ts";
import { transportHeaders } from "../model/transport-headers.ts";

export type Sender = "curl" | "test";

export interface NormalisationRule {
  id: string;
  /** What it does and why, for the docs and the report. */
  description: string;
}

export const NORMALISATION_RULES = {
  transport: {
    id: "transport-headers",
    description:
      "host, content-length, transfer-encoding, connection, keep-alive, expect, " +
      "accept-encoding, upgrade, http2-settings, te and proxy-connection are set by each " +
      "client for its own connection (curl's --http2 asks an http:// server to upgrade; the test sends to its " +
      "baseURL; bodies are compared after removing chunked framing; --compressed and " +
      "Playwright each negotiate their own compression): left out on both sides",
  },
  clientAgent: {
    id: "client-user-agent",
    description:
      "a user-agent that is the sending client's own default (curl/<version> from curl, " +
      "Playwright/<version> from the test) is left out; any other user-agent is compared",
  },
  converterNoise: {
    id: "documented-noise",
    description:
      "browser-only headers on the converter's published noise list (client hints, fetch " +
      "metadata, a browser's user-agent, priority…) are left out on both sides: the " +
      "converter drops them on purpose and documents each; any other difference counts",
  },
  fieldNames: {
    id: "field-name-case",
    description: "header names compare case-insensitively (RFC 9110 §5.1)",
  },
  fieldOrder: {
    id: "field-order",
    description:
      "the order of differently named headers is not compared; the order of the values of one " +
      "name is (RFC 9110 §5.3)",
  },
  combinedFields: {
    id: "combined-fields",
    description:
      "repeated headers of one name compare as one value joined with ', ' ('; ' for cookie), " +
      "which is what they mean (RFC 9110 §5.3, RFC 6265 §5.4)",
  },
  multipartBoundary: {
    id: "multipart-boundary",
    description:
      "multipart bodies compare part by part (name, filename, content-type, bytes) and the " +
      "content-type header without the boundary parameter the body uses, since each client " +
      "picks its own (curl appends its own to a content type the capture gave)",
  },
  percentEncoding: {
    id: "percent-encoding-case",
    description:
      "hex digits of percent-encodings compare case-insensitively (%c3 = %C3, RFC 3986 " +
      "§6.2.2.1) in the request target and in urlencoded form bodies; nothing is decoded",
  },
  identicalRequests: {
    id: "identical-requests",
    description:
      "requests identical after these rules count once on each side: the converter collapses " +
      "repeats of one request into one test",
  },
} as const satisfies Record<string, NormalisationRule>;

export type NormalisationRuleId =
  (typeof NORMALISATION_RULES)[keyof typeof NORMALISATION_RULES]["id"];

const clientAgents: Record<Sender, RegExp> = {
  curl: /^curl\/[\d.]+$/,
  test: /^Playwright\/\d/,
};

export type NormalisedBody =
  { kind: "bytes"; bytes: Buffer } | { kind: "multipart"; parts: ReceivedPart[] };

export interface NormalisedRequest {
  method: string;
  target: string;
  /** Lower-case names, sorted; one entry per name, repeated values joined. */
  headers: [string, string][];
  /** The kept names in the order they arrived, for reporting when the field-order rule mattered. */
  nameOrder: string[];
  body: NormalisedBody;
  /** Rules that changed something in this request. */
  applied: Set<NormalisationRuleId>;
  /** Headers left out, by name, so a report can say what a rule removed. */
  removed: string[];
}

export function normaliseRequest(request: RecordedRequest, sender: Sender): NormalisedRequest {
  const applied = new Set<NormalisationRuleId>();
  const removed: string[] = [];
  const byName = new Map<string, string[]>();
  for (const header of request.headers) {
    const name = header.name.toLowerCase();
    if (name !== header.name) applied.add(NORMALISATION_RULES.fieldNames.id);
    const rule = removalRule(name, header.value, sender);
    if (rule !== undefined) {
      applied.add(rule);
      removed.push(name);
      continue;
    }
    byName.set(name, [...(byName.get(name) ?? []), header.value]);
  }

  const contentType = byName.get("content-type")?.at(-1);
  const target = upperCasePercentEncodings(request.target);
  if (target !== request.target) applied.add(NORMALISATION_RULES.percentEncoding.id);
  let bytes = request.body;
  if (contentType !== undefined && /^application\/x-www-form-urlencoded/i.test(contentType)) {
    const text = bytes.toString("latin1");
    const upper = upperCasePercentEncodings(text);
    if (upper !== text) {
      applied.add(NORMALISATION_RULES.percentEncoding.id);
      bytes = Buffer.from(upper, "latin1");
    }
  }
  const multipart = contentType === undefined ? undefined : splitMultipart(contentType, bytes);
  let body: NormalisedBody = { kind: "bytes", bytes };
  if (multipart !== undefined) {
    applied.add(NORMALISATION_RULES.multipartBoundary.id);
    body = { kind: "multipart", parts: multipart.parts };
    byName.set("content-type", [multipart.contentType]);
  }

  const headers: [string, string][] = [];
  for (const [name, values] of byName) {
    if (values.length > 1) applied.add(NORMALISATION_RULES.combinedFields.id);
    headers.push([name, values.join(name === "cookie" ? "; " : ", ")]);
  }
  const nameOrder = [...byName.keys()];
  headers.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return { method: request.method, target, headers, nameOrder, body, applied, removed };
}

function upperCasePercentEncodings(text: string): string {
  return text.replace(/%[0-9a-f]{2}/gi, (encoding) => encoding.toUpperCase());
}

function removalRule(
  lowerName: string,
  value: string,
  sender: Sender,
): NormalisationRuleId | undefined {
  if (transportHeaders.has(lowerName)) return NORMALISATION_RULES.transport.id;
  if (lowerName === "user-agent" && clientAgents[sender].test(value)) {
    return NORMALISATION_RULES.clientAgent.id;
  }
  if (noiseHeaderRule(lowerName, value)?.addedBy === "browser") {
    return NORMALISATION_RULES.converterNoise.id;
  }
  return undefined;
}

/** One text per request that is equal exactly when the normalised requests are. */
export function requestFingerprint(request: NormalisedRequest): string {
  const body =
    request.body.kind === "bytes"
      ? request.body.bytes.toString("base64")
      : request.body.parts.map((part) => [
          part.name,
          part.filename,
          part.contentType,
          part.bytes.toString("base64"),
        ]);
  return JSON.stringify([request.method, request.target, request.headers, body]);
}
