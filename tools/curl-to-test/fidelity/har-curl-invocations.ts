/**
 * The curl calls that send what a HAR file recorded, read straight from the HAR JSON (not
 * through the converter's intake), so the reference does not share the converter's reading.
 * Entries outside the converter's documented scope (static assets, preflights, beacons) are
 * left out, and counted, so the check can hold the converter to the number it reported.
 */
import { skipReason } from "../intake/har-entry-scope.ts";
import type { HarEntry } from "../intake/har-log.ts";
import type { CurlInvocation } from "./shell-curl-invocations.ts";

export interface HarReading {
  invocations: CurlInvocation[];
  /** Entries left out by the converter's scope rules. */
  outOfScope: number;
  /** Responses as captured, keyed by `METHOD target`, for the recording server to play back. */
  responses: Map<string, { status: number; mimeType: string | undefined; text: string }>;
}

export function readHarCurlInvocations(text: string): HarReading | undefined {
  let document: unknown;
  try {
    document = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch {
    return undefined;
  }
  const entries = (document as { log?: { entries?: unknown } } | null)?.log?.entries;
  if (!Array.isArray(entries)) return undefined;

  const reading: HarReading = { invocations: [], outOfScope: 0, responses: new Map() };
  for (const [index, entry] of (entries as HarEntry[]).entries()) {
    const rawUrl = typeof entry.request?.url === "string" ? entry.request.url : undefined;
    if (rawUrl === undefined) continue;
    const url = URL.canParse(rawUrl) ? new URL(rawUrl) : undefined;
    if (skipReason(entry, url) !== undefined) {
      reading.outOfScope++;
      continue;
    }
    const method = typeof entry.request?.method === "string" ? entry.request.method : "GET";
    reading.invocations.push({ ...harEntryCall(entry, method, rawUrl), line: index + 1 });
    const status = entry.response?.status;
    if (typeof status === "number" && status > 0 && url !== undefined) {
      const content = entry.response?.content;
      const encoded = typeof content?.text === "string" ? content.text : "";
      reading.responses.set(`${method.toUpperCase()} ${url.pathname}${url.search}`, {
        status,
        mimeType: typeof content?.mimeType === "string" ? content.mimeType : undefined,
        text:
          content?.encoding === "base64"
            ? Buffer.from(encoded, "base64").toString("utf8")
            : encoded,
      });
    }
  }
  return reading;
}

function harEntryCall(
  entry: HarEntry,
  method: string,
  rawUrl: string,
): { args: string[]; stdin: Buffer } {
  // --globoff: HAR URLs are literal; curl must not read [] or {} as ranges.
  const args = ["--globoff", "--url", rawUrl.replace(/#.*$/, "")];
  args.push(...(method.toUpperCase() === "HEAD" ? ["--head"] : ["--request", method]));
  const headers = Array.isArray(entry.request?.headers)
    ? (entry.request.headers as { name?: unknown; value?: unknown }[])
    : [];
  let hasContentType = false;
  for (const header of headers) {
    if (typeof header.name !== "string" || typeof header.value !== "string") continue;
    const lower = header.name.toLowerCase();
    // Pseudo-headers are HTTP/2 framing; curl computes the body's length itself.
    if (lower.startsWith(":") || lower === "content-length") continue;
    if (lower === "content-type") hasContentType = true;
    args.push(
      "--header",
      header.value === "" ? `${header.name};` : `${header.name}: ${header.value}`,
    );
  }
  const body = requestBody(entry);
  if (body === undefined) return { args, stdin: Buffer.alloc(0) };
  // Otherwise curl would add a form content type the capture did not have.
  if (!hasContentType) args.push("--header", "Content-Type:");
  args.push("--data-binary", "@-");
  return { args, stdin: body };
}

function requestBody(entry: HarEntry): Buffer | undefined {
  const postData = entry.request?.postData;
  if (postData === undefined) return undefined;
  if (typeof postData.text === "string") {
    const encoding = postData.encoding ?? postData._encoding;
    return Buffer.from(postData.text, encoding === "base64" ? "base64" : "utf8");
  }
  if (!Array.isArray(postData.params)) return undefined;
  const form = new URLSearchParams();
  for (const param of postData.params as { name?: unknown; value?: unknown }[]) {
    if (typeof param.name === "string") {
      form.append(param.name, typeof param.value === "string" ? param.value : "");
    }
  }
  return Buffer.from(form.toString(), "utf8");
}
