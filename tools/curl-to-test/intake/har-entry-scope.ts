/**
 * Decides which HAR entries are API calls worth a test. A browser HAR is mostly page loads,
 * scripts, images, CORS preflights and analytics beacons; those are skipped, and every skip
 * is counted under a reason the intake reports ("12 static assets skipped").
 */
import { asNameValues, asString, type HarEntry } from "./har-log.ts";

export type SkipReason =
  | "static asset"
  | "page document"
  | "CORS preflight"
  | "analytics or beacon request"
  | "WebSocket connection"
  | "non-HTTP URL"
  | "request to another host";

/** Hosts of analytics, advertising, error-reporting and session-recording services. */
export const BEACON_HOST_SUFFIXES = [
  "google-analytics.com",
  "analytics.google.com",
  "googletagmanager.com",
  "doubleclick.net",
  "googlesyndication.com",
  "googleadservices.com",
  "facebook.net",
  "connect.facebook.com",
  "hotjar.com",
  "hotjar.io",
  "segment.io",
  "segment.com",
  "mixpanel.com",
  "amplitude.com",
  "sentry.io",
  "nr-data.net",
  "newrelic.com",
  "browser-intake-datadoghq.com",
  "browser-intake-datadoghq.eu",
  "clarity.ms",
  "bat.bing.com",
  "fullstory.com",
  "optimizely.com",
  "ads.linkedin.com",
  "analytics.tiktok.com",
  "sc-static.net",
  "braze.com",
  "appsflyer.com",
  "adjust.com",
] as const;

/** Chrome's `_resourceType` values that are never API calls. */
const STATIC_RESOURCE_TYPES = new Set([
  "stylesheet",
  "script",
  "image",
  "font",
  "media",
  "manifest",
  "texttrack",
]);
const BEACON_RESOURCE_TYPES = new Set(["ping", "csp_violation_report"]);

export const STATIC_EXTENSIONS = [
  ".js",
  ".mjs",
  ".css",
  ".map",
  ".png",
  ".jpg",
  ".jpeg",
  ".gif",
  ".svg",
  ".ico",
  ".webp",
  ".avif",
  ".bmp",
  ".woff",
  ".woff2",
  ".ttf",
  ".otf",
  ".eot",
  ".mp4",
  ".webm",
  ".mp3",
  ".ogg",
  ".wav",
  ".wasm",
  ".webmanifest",
] as const;

const STATIC_MIME_PREFIXES = [
  "text/css",
  "image/",
  "font/",
  "audio/",
  "video/",
  "application/font",
  "application/wasm",
];
const SCRIPT_MIME = /^(?:text|application)\/(?:x-)?(?:javascript|ecmascript)\b/;

const beaconHostCache = new Map<string, boolean>();

/** A HAR repeats a handful of hosts thousands of times, so each host is judged once. */
function isBeaconHost(host: string): boolean {
  let beacon = beaconHostCache.get(host);
  if (beacon === undefined) {
    beacon = BEACON_HOST_SUFFIXES.some((suffix) => host === suffix || host.endsWith(`.${suffix}`));
    if (beaconHostCache.size < 10_000) beaconHostCache.set(host, beacon);
  }
  return beacon;
}

function pathExtension(pathname: string): string {
  const lastSegment = pathname.slice(pathname.lastIndexOf("/") + 1);
  const dot = lastSegment.lastIndexOf(".");
  return dot === -1 ? "" : lastSegment.slice(dot).toLowerCase();
}

/** Why an entry is not an API call, or undefined to keep it. `url` is the parsed entry URL. */
export function skipReason(entry: HarEntry, url: URL | undefined): SkipReason | undefined {
  const resourceType = asString(entry._resourceType)?.toLowerCase();
  const status = typeof entry.response?.status === "number" ? entry.response.status : 0;
  if (
    resourceType === "websocket" ||
    status === 101 ||
    url?.protocol === "ws:" ||
    url?.protocol === "wss:"
  ) {
    return "WebSocket connection";
  }
  if (!url || (url.protocol !== "http:" && url.protocol !== "https:")) return "non-HTTP URL";
  const request = entry.request ?? {};
  const method = (asString(request.method) ?? "GET").toUpperCase();
  const requestHeaders = asNameValues(request.headers);
  if (
    method === "OPTIONS" &&
    requestHeaders.some((header) => header.name.toLowerCase() === "access-control-request-method")
  ) {
    return "CORS preflight";
  }
  if (
    isBeaconHost(url.hostname.toLowerCase()) ||
    (resourceType && BEACON_RESOURCE_TYPES.has(resourceType))
  ) {
    return "analytics or beacon request";
  }
  if (resourceType && STATIC_RESOURCE_TYPES.has(resourceType)) return "static asset";
  if (resourceType === "document" && method === "GET") return "page document";
  if (method !== "GET" && method !== "HEAD") return undefined;
  if ((STATIC_EXTENSIONS as readonly string[]).includes(pathExtension(url.pathname)))
    return "static asset";
  const mimeType = (asString(entry.response?.content?.mimeType) ?? "").toLowerCase();
  if (
    STATIC_MIME_PREFIXES.some((prefix) => mimeType.startsWith(prefix)) ||
    SCRIPT_MIME.test(mimeType)
  ) {
    return "static asset";
  }
  if (mimeType.startsWith("text/html") && !resourceType) return "page document";
  return undefined;
}

/** "12 static assets skipped", "1 CORS preflight skipped". */
export function describeSkips(reason: SkipReason, count: number, detail?: string): string {
  const noun =
    count === 1
      ? reason
      : reason === "analytics or beacon request"
        ? "analytics or beacon requests"
        : reason === "request to another host"
          ? "requests to other hosts"
          : `${reason}s`;
  return `${count} ${noun} skipped${detail ? ` (${detail})` : ""}`;
}
