/**
 * One HAR entry → a captured request with its response: headers without HTTP/2
 * pseudo-headers, request bodies from `text`, `params` or base64, and the response status,
 * headers and decoded text body.
 */
import type {
  CapturedBody,
  CapturedRequest,
  CapturedResponse,
  NameValue,
  SourceLocation,
} from "../model/captured-request.ts";
import { placeWarnings, type WarningNote } from "../model/conversion-warning.ts";
import {
  asNameValues,
  asString,
  type HarEntry,
  type HarPostData,
  type HarPostParam,
} from "./har-log.ts";
import { multipartBoundary, readMultipartText } from "./multipart-text.ts";

const TEXT_MIME =
  /^text\/|[/+](?:json|xml|javascript|x-www-form-urlencoded|graphql|yaml|csv)\b|^application\/(?:x-)?(?:yaml|ndjson)/i;
const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

function isTextMime(mimeType: string): boolean {
  return TEXT_MIME.test(mimeType);
}

function withoutPseudoHeaders(headers: NameValue[]): NameValue[] {
  return headers.filter((header) => !header.name.startsWith(":"));
}

function isBase64(encoding: unknown): boolean {
  return typeof encoding === "string" && encoding.toLowerCase() === "base64";
}

/** Decoded text when the bytes are UTF-8 (or the type says text), else undefined. */
function decodeBase64Text(base64: string, mimeType: string): string | undefined {
  const bytes = Buffer.from(base64, "base64");
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return isTextMime(mimeType) ? bytes.toString("latin1") : undefined;
  }
}

export function harRequest(options: {
  entry: HarEntry;
  url: string;
  source: SourceLocation;
}): CapturedRequest {
  const { entry, url, source } = options;
  const request = entry.request ?? {};
  const warnings: WarningNote[] = [];
  const headers = withoutPseudoHeaders(asNameValues(request.headers)).map((header) => {
    if (header.name === header.name.trim()) return header;
    warnings.push({
      code: "header-name-blanks",
      message: `header ${JSON.stringify(header.name)} has blanks around its name; the test sends "${header.name.trim()}"`,
    });
    return { ...header, name: header.name.trim() };
  });
  const hasCookieHeader = headers.some((header) => header.name.toLowerCase() === "cookie");
  const cookies = asNameValues(request.cookies);
  if (!hasCookieHeader && cookies.length > 0) {
    headers.push({
      name: "Cookie",
      value: cookies.map((cookie) => `${cookie.name}=${cookie.value}`).join("; "),
    });
  }
  const body = harRequestBody(request.postData, headers, warnings);
  const declaredSize = typeof request.bodySize === "number" ? request.bodySize : 0;
  if (body.kind === "none" && declaredSize > 0) {
    warnings.push({
      code: "body-not-captured",
      message: `the capture says a ${declaredSize}-byte body was sent but does not include it`,
    });
  }
  const response = harResponse(entry);
  return {
    source,
    method: (asString(request.method) ?? "GET").toUpperCase(),
    url,
    headers,
    body,
    ...(response ? { response } : {}),
    warnings: placeWarnings(warnings, source),
  };
}

function harRequestBody(
  postData: HarPostData | undefined,
  headers: NameValue[],
  warnings: WarningNote[],
): CapturedBody {
  if (!postData) return { kind: "none" };
  const headerType = headers.find((header) => header.name.toLowerCase() === "content-type")?.value;
  const mimeType = asString(postData.mimeType) || headerType || "";
  const typed = mimeType ? { mimeType } : {};
  const text = asString(postData.text);
  if (text !== undefined && text !== "") {
    if (isBase64(postData.encoding) || isBase64(postData._encoding)) {
      const decoded = decodeBase64Text(text, mimeType);
      if (decoded === undefined) return { kind: "binary", base64: text, ...typed };
      return textOrMultipart(decoded, mimeType, headerType, warnings);
    }
    return textOrMultipart(text, mimeType, headerType, warnings);
  }
  const params = Array.isArray(postData.params) ? (postData.params as HarPostParam[]) : [];
  if (params.length === 0) return { kind: "none" };
  if (/^multipart\/form-data/i.test(mimeType)) {
    return {
      kind: "multipart",
      parts: params.map((param) => {
        const name = asString(param.name) ?? "";
        const filename = asString(param.fileName);
        const contentType = asString(param.contentType);
        if (filename !== undefined && typeof param.value !== "string") {
          warnings.push(contentNotCaptured(name));
        }
        return {
          name,
          value: asString(param.value) ?? "",
          ...(filename !== undefined ? { filename } : {}),
          ...(contentType !== undefined ? { contentType } : {}),
        };
      }),
    };
  }
  // HAR params hold decoded names and values; the form is re-encoded the way browsers do.
  const encoded = new URLSearchParams(
    params.map(
      (param) => [asString(param.name) ?? "", asString(param.value) ?? ""] as [string, string],
    ),
  ).toString();
  warnings.push({
    code: "form-rebuilt",
    message: "the form body was rebuilt from its fields; the capture did not keep the raw text",
  });
  return { kind: "text", text: encoded, ...typed };
}

function textOrMultipart(
  text: string,
  mimeType: string,
  headerType: string | undefined,
  warnings: WarningNote[],
): CapturedBody {
  if (/^multipart\/form-data/i.test(mimeType)) {
    const boundary = multipartBoundary(headerType ?? "") ?? multipartBoundary(mimeType);
    const parts = boundary ? readMultipartText(text, boundary) : undefined;
    if (parts) {
      for (const part of parts) {
        if (part.filename !== undefined && part.value === "") {
          warnings.push(contentNotCaptured(part.name));
        }
      }
      return { kind: "multipart", parts };
    }
    warnings.push({
      code: "multipart-not-split",
      message: "the multipart body could not be split into parts; it is sent as captured text",
    });
  }
  return { kind: "text", text, ...(mimeType ? { mimeType } : {}) };
}

/** Browsers leave uploaded files' bytes out of HAR exports. */
function contentNotCaptured(field: string): WarningNote {
  return {
    code: "file-content-not-captured",
    message: `multipart field "${field}": the file's content was not captured; an empty file is sent`,
  };
}

function harResponse(entry: HarEntry): CapturedResponse | undefined {
  const response = entry.response;
  const status = typeof response?.status === "number" ? response.status : 0;
  // Status 0: blocked, cancelled or failed before any answer came.
  if (!response || status <= 0) return undefined;
  const content = response.content ?? {};
  const mimeType = asString(content.mimeType) ?? "";
  const rawText = asString(content.text);
  let bodyText: string | undefined;
  if (rawText !== undefined && rawText !== "") {
    bodyText = isBase64(content.encoding) ? decodeBase64Text(rawText, mimeType) : rawText;
    if (
      bodyText !== undefined &&
      !isTextMime(mimeType) &&
      isBase64(content.encoding) &&
      !looksLikeText(bodyText)
    ) {
      bodyText = undefined;
    }
  }
  return {
    status,
    headers: withoutPseudoHeaders(asNameValues(response.headers)),
    ...(bodyText !== undefined ? { bodyText } : {}),
    ...(mimeType ? { mimeType } : {}),
  };
}

/** Valid UTF-8 can still be binary (a PNG header is); control characters give it away. */
function looksLikeText(text: string): boolean {
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  return !/[\u0000-\u0008\u000e-\u001f]/.test(text.slice(0, 512));
}
