import type { PlannedExchange, PlannedRequest, ValueTemplate } from "../plan/conversion-plan.ts";
import { bytesCode, fileBodyCode, queryFileCode } from "./body-code.ts";
import { stringLiteral } from "./literal.ts";
import type { SpecFile } from "./spec-file.ts";
import { templateCode, jsonCode, headersCode, declareSchema, declareType } from "./spec-file.ts";
import { multipartCode, readFileCode } from "./multipart-code.ts";
import { curlMultipartTypeCode } from "./curl-multipart-type-code.ts";
import { responseChecks } from "./response-checks.ts";
import { sendAsWrittenCall } from "./send-as-written-code.ts";
import { sendsAsWritten } from "../plan/fixture-limits.ts";

const shorthandMethods = new Set(["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD"]);

export interface ExchangeNames {
  /** Module-level zod schema of the response body, when it is JSON. */
  responseSchema: string | null;
  /** Module-level type of the JSON request body. */
  bodyType: string | null;
}

export function exchangeNames(file: SpecFile, exchange: PlannedExchange): ExchangeNames {
  const body = exchange.request.body;
  return {
    responseSchema:
      exchange.expect.body.kind === "json"
        ? declareSchema(file, [...exchange.nameWords, "response"], exchange.expect.body.schema)
        : null,
    bodyType:
      body.kind === "json"
        ? declareType(file, [...exchange.nameWords, "request", "body"], body.schema)
        : null,
  };
}

/** Table columns read from `row` instead of being written out. */
export interface RowOverrides {
  url?: string;
  headers?: string;
  body?: string;
  status?: string;
  expected?: string;
}

/** Statements that send the request and assert the response. */
export function sendAndCheck(
  file: SpecFile,
  exchange: PlannedExchange,
  names: ExchangeNames,
  row: RowOverrides,
): string[] {
  const request = exchange.request;
  const lines: string[] = [];
  const options: string[] = [];
  const body = request.body;
  let multipart: ReturnType<typeof multipartCode> | null = null;
  if (body.kind === "multipart" && !row.body) {
    // undici takes no FormData option: the spec writes the body itself.
    multipart =
      body.contentType === undefined
        ? multipartCode(file, body.parts, sendsAsWritten(request))
        : curlMultipartTypeCode(file, body.parts, body.contentType);
  }
  const extraHeaders = multipart?.contentType ? [`"content-type": ${multipart.contentType}`] : [];
  if (row.headers) {
    options.push(
      `headers: ${extraHeaders.length > 0 ? `{ ...${row.headers}, ${extraHeaders.join(", ")} }` : row.headers}`,
    );
  } else if (request.headers.length + extraHeaders.length > 0) {
    options.push(`headers: ${headersCode(file, request, extraHeaders)}`);
  }

  if (row.body) {
    options.push(`data: ${row.body}`);
  } else if (body.kind === "json") {
    lines.push(
      `const requestBody: ${names.bodyType ?? "unknown"} = ${jsonCode(file, body.value)};`,
    );
    options.push("data: JSON.stringify(requestBody)");
  } else if (body.kind === "text") {
    const text = templateCode(file, body.text);
    options.push(`data: ${textReencoded(request, body.text) ? `Buffer.from(${text})` : text}`);
  } else if (body.kind === "binary") {
    options.push(`data: ${bytesCode(body.base64)}`);
  } else if (body.kind === "file") {
    options.push(`data: ${fileBodyCode(body, (as) => readFileCode(file, body.path, as))}`);
  } else if (multipart) {
    lines.push(...multipart.lines);
    options.push(multipart.option);
  }
  if (!request.followRedirects) options.push("maxRedirects: 0");

  const url = withQueryFiles(file, row.url ?? templateCode(file, request.url), request);
  const optionsCode = options.length > 0 ? `, { ${options.join(", ")} }` : "";
  let call: string;
  if (sendsAsWritten(request)) {
    file.usesSendAsWritten = true;
    call = sendAsWrittenCall(url, request.method, options);
  } else if (shorthandMethods.has(request.method)) {
    call = `request.${request.method.toLowerCase()}(${url}${optionsCode})`;
  } else {
    call = `request.fetch(${url}, { method: ${stringLiteral(request.method)}${options.length > 0 ? `, ${options.join(", ")}` : ""} })`;
  }
  lines.push(`const response = await ${call};`);
  lines.push(...responseChecks(exchange, names, row));
  return lines;
}

/** The fixtures a test's body uses: the `request` fixture, `baseURL` for undici, or both. */
export function testFixtures(requests: readonly PlannedRequest[]): string {
  const fixtures: string[] = [];
  if (requests.some((request) => !sendsAsWritten(request))) fixtures.push("request");
  if (requests.some(sendsAsWritten)) fixtures.push("baseURL");
  return `{ ${fixtures.join(", ")} }`;
}

/**
 * Playwright sends a string `data` as is, except under a JSON content type when the string is
 * not JSON: then it sends the string JSON-encoded, quotes and all. Such a body goes as bytes.
 * Env vars and flow variables stand in as a JSON token of their encoding while checking.
 */
export function textReencoded(request: PlannedRequest, text: ValueTemplate): boolean {
  const contentType = request.headers.find((header) => /^content-type$/i.test(header.name));
  const mediaType = (contentType?.value ?? [])
    .map((part) => (part.kind === "literal" ? part.text : ""))
    .join("")
    .split(";")[0]!
    .trim()
    .toLowerCase();
  if (mediaType !== "application/json") return false;
  const sample = text
    .map((part) =>
      part.kind === "literal" ? part.text : part.encoding === "json-string" ? '""' : "0",
    )
    .join("");
  try {
    JSON.parse(sample);
    return false;
  } catch {
    return true;
  }
}

/** The URL code, then each query parameter curl read from a file, read when the test runs. */
function withQueryFiles(file: SpecFile, url: string, request: PlannedRequest): string {
  const parameters = (request.queryFiles ?? []).map((query) =>
    queryFileCode(query, readFileCode(file, query.path, "text")),
  );
  // `url` ends in the `?` or `&` curl wrote before them.
  return parameters.length === 0 ? url : `${url} + ${parameters.join(' + "&" + ')}`;
}
