/**
 * Headers a browser or HTTP client adds on its own, which a generated test leaves out: they
 * say nothing about the API and would pin the test to one browser build (`browser`), or the
 * test's own client sets them for its connection (`client`). Anything a server may act on
 * (Origin, Referer, Accept-Language, Pragma, Cache-Control, If-None-Match) is kept. The list
 * is the documentation: docs/convert-intake.md shows it as is.
 */
import { hopByHopHeaders } from "../model/transport-headers.ts";

export interface NoiseHeaderRule {
  /** A header name, or a prefix ending in `*`; compared case-insensitively. */
  name: string;
  /** `browser`: only a browser adds it; `client`: any HTTP client sets it for its transfer. */
  addedBy: "browser" | "client";
  /** Only these values are noise (case-insensitive); absent: every value is. */
  onlyWhen?: string;
  reason: string;
}

const BROWSER_USER_AGENT = /^Mozilla\/5\.0 \(/;

export const NOISE_HEADER_RULES: readonly NoiseHeaderRule[] = [
  {
    name: ":*",
    addedBy: "client",
    reason: "HTTP/2 pseudo-header; the client sets method, path, scheme and authority itself",
  },
  { name: "sec-ch-*", addedBy: "browser", reason: "browser client hints" },
  { name: "sec-fetch-*", addedBy: "browser", reason: "browser fetch metadata" },
  { name: "sec-gpc", addedBy: "browser", reason: "browser privacy signal" },
  { name: "sec-purpose", addedBy: "browser", reason: "browser prefetch marker" },
  { name: "purpose", addedBy: "browser", reason: "browser prefetch marker" },
  {
    name: "user-agent",
    addedBy: "browser",
    onlyWhen: "a browser's (starts with Mozilla/5.0 ()",
    reason: "browser build; app-client agents are kept",
  },
  {
    name: "accept-encoding",
    addedBy: "client",
    reason: "the test's client negotiates compression and decodes the body itself",
  },
  ...hopByHopHeaders.map((name): NoiseHeaderRule => ({
    name,
    addedBy: "client",
    reason:
      name === "expect"
        ? "transport (100-continue), set by the client"
        : "transport, set by the client",
  })),
  {
    name: "content-length",
    addedBy: "client",
    reason: "computed by the client from the body it sends",
  },
  { name: "host", addedBy: "client", reason: "comes from baseURL" },
  { name: "priority", addedBy: "browser", reason: "browser scheduling hint" },
  { name: "upgrade-insecure-requests", addedBy: "browser", reason: "browser navigation hint" },
  { name: "dnt", addedBy: "browser", reason: "browser privacy signal" },
  { name: "save-data", addedBy: "browser", reason: "browser client hint" },
  { name: "device-memory", addedBy: "browser", reason: "browser client hint" },
  { name: "dpr", addedBy: "browser", reason: "browser client hint" },
  { name: "viewport-width", addedBy: "browser", reason: "browser client hint" },
  { name: "rtt", addedBy: "browser", reason: "browser client hint" },
  { name: "downlink", addedBy: "browser", reason: "browser client hint" },
  { name: "ect", addedBy: "browser", reason: "browser client hint" },
  { name: "x-client-data", addedBy: "browser", reason: "Chrome field-trial header" },
];

function nameMatches(rule: NoiseHeaderRule, lowerName: string): boolean {
  return rule.name.endsWith("*")
    ? lowerName.startsWith(rule.name.slice(0, -1))
    : lowerName === rule.name;
}

function valueMatches(rule: NoiseHeaderRule, value: string): boolean {
  if (rule.onlyWhen === undefined) return true;
  if (rule.name === "user-agent") return BROWSER_USER_AGENT.test(value);
  const allowed = rule.onlyWhen.split(",").map((each) => each.trim().toLowerCase());
  return allowed.includes(value.trim().toLowerCase());
}

/** The rule that makes a header noise, or undefined when the test should send it. */
export function noiseHeaderRule(name: string, value: string): NoiseHeaderRule | undefined {
  const lowerName = name.toLowerCase();
  return NOISE_HEADER_RULES.find(
    (rule) => nameMatches(rule, lowerName) && valueMatches(rule, value),
  );
}

export function isNoiseHeader(name: string, value: string): boolean {
  return noiseHeaderRule(name, value) !== undefined;
}

/** `--keep-headers all`: only what the test's own client must set is left out. */
export function isClientSetHeader(name: string, value: string): boolean {
  return noiseHeaderRule(name, value)?.addedBy === "client";
}
