/**
 * Headers a browser or HTTP client adds on its own, which a generated test leaves out: they
 * say nothing about the API, would pin the test to one browser build, or are set by the
 * test's own client. The list is the documentation: docs/convert-intake.md shows it as is.
 */

export interface NoiseHeaderRule {
  /** A header name, or a prefix ending in `*`; compared case-insensitively. */
  name: string;
  /** Only these values are noise (case-insensitive); absent: every value is. */
  onlyWhen?: string;
  reason: string;
}

const BROWSER_USER_AGENT = /^Mozilla\/5\.0 \(/;

export const NOISE_HEADER_RULES: readonly NoiseHeaderRule[] = [
  {
    name: ":*",
    reason: "HTTP/2 pseudo-header; the client sets method, path, scheme and authority itself",
  },
  { name: "sec-ch-*", reason: "browser client hints" },
  { name: "sec-fetch-*", reason: "browser fetch metadata" },
  { name: "sec-gpc", reason: "browser privacy signal" },
  { name: "sec-purpose", reason: "browser prefetch marker" },
  { name: "purpose", reason: "browser prefetch marker" },
  {
    name: "user-agent",
    onlyWhen: "a browser's (starts with Mozilla/5.0 ()",
    reason: "browser build; app-client agents are kept",
  },
  {
    name: "accept-encoding",
    reason: "the test's client negotiates compression and decodes the body itself",
  },
  { name: "connection", reason: "transport, set by the client" },
  { name: "keep-alive", reason: "transport, set by the client" },
  { name: "proxy-connection", reason: "transport, set by the client" },
  { name: "transfer-encoding", reason: "transport, set by the client" },
  { name: "te", reason: "transport, set by the client" },
  { name: "upgrade", reason: "transport, set by the client" },
  { name: "http2-settings", reason: "transport, set by the client" },
  { name: "expect", reason: "transport (100-continue), set by the client" },
  { name: "content-length", reason: "computed by the client from the body it sends" },
  { name: "host", reason: "comes from baseURL" },
  { name: "origin", reason: "names the captured site, not the test's baseURL" },
  { name: "referer", reason: "names the captured page, not the test's baseURL" },
  { name: "priority", reason: "browser scheduling hint" },
  { name: "pragma", onlyWhen: "no-cache", reason: "added by devtools with caching disabled" },
  {
    name: "cache-control",
    onlyWhen: "no-cache, max-age=0",
    reason: "added by devtools with caching disabled or on reload",
  },
  {
    name: "if-none-match",
    reason: "browser cache revalidation; the test wants the full response, not 304",
  },
  {
    name: "if-modified-since",
    reason: "browser cache revalidation; the test wants the full response, not 304",
  },
  { name: "upgrade-insecure-requests", reason: "browser navigation hint" },
  { name: "dnt", reason: "browser privacy signal" },
  { name: "save-data", reason: "browser client hint" },
  { name: "device-memory", reason: "browser client hint" },
  { name: "dpr", reason: "browser client hint" },
  { name: "viewport-width", reason: "browser client hint" },
  { name: "rtt", reason: "browser client hint" },
  { name: "downlink", reason: "browser client hint" },
  { name: "ect", reason: "browser client hint" },
  { name: "x-client-data", reason: "Chrome field-trial header" },
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
