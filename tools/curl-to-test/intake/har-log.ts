/**
 * The part of HAR 1.2 the intake reads, with the non-standard fields browsers and proxies
 * add (`_resourceType` from Chrome, `encoding` on request bodies from some exporters).
 * Everything is optional: exporters disagree, and a missing field must not throw.
 */

export interface HarNameValue {
  name?: unknown;
  value?: unknown;
}

export interface HarPostParam extends HarNameValue {
  fileName?: unknown;
  contentType?: unknown;
}

export interface HarPostData {
  mimeType?: unknown;
  text?: unknown;
  params?: unknown;
  encoding?: unknown;
  _encoding?: unknown;
}

export interface HarRequest {
  method?: unknown;
  url?: unknown;
  headers?: unknown;
  cookies?: unknown;
  postData?: HarPostData;
  bodySize?: unknown;
}

export interface HarContent {
  mimeType?: unknown;
  text?: unknown;
  encoding?: unknown;
  size?: unknown;
}

export interface HarResponse {
  status?: unknown;
  headers?: unknown;
  content?: HarContent;
}

export interface HarEntry {
  request?: HarRequest;
  response?: HarResponse;
  _resourceType?: unknown;
}

export function asString(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

export function asNameValues(value: unknown): { name: string; value: string }[] {
  if (!Array.isArray(value)) return [];
  const pairs: { name: string; value: string }[] = [];
  for (const item of value as HarNameValue[]) {
    if (item && typeof item.name === "string") {
      const value = item.value;
      pairs.push({
        name: item.name,
        value: typeof value === "string" ? value : typeof value === "number" ? String(value) : "",
      });
    }
  }
  return pairs;
}

/** The `log.entries` array of a parsed HAR document, or undefined when it has none. */
export function harEntries(document: unknown): HarEntry[] | undefined {
  if (typeof document !== "object" || document === null) return undefined;
  const log = (document as { log?: unknown }).log;
  if (typeof log !== "object" || log === null) return undefined;
  const entries = (log as { entries?: unknown }).entries;
  return Array.isArray(entries) ? (entries as HarEntry[]) : undefined;
}
