/**
 * Finds the secrets in a captured request (and its captured response), so the planner can
 * put env var references in their place. Detection only: a finding says where a secret is,
 * under which name, why, and which env var should stand for it. It never holds the value.
 *
 * `-u user:pass` is not a case of its own: the intake turns it into the `Authorization: Basic`
 * header curl sends, found here as a credential header.
 */
import type { CapturedRequest, NameValue } from "../model/captured-request.ts";
import { jsonPathText } from "./json-path-text.ts";
import { looksLikeOpaqueToken } from "./opaque-token.ts";
import { formDecodedOrKept } from "./percent-decoding.ts";

export type SecretJsonPath = (string | number)[];

export type SecretPlace =
  /** The credential after the scheme of an Authorization-like header (the whole value without one). */
  | { kind: "credential"; headerIndex: number; header: string; scheme: string | null }
  | { kind: "header"; headerIndex: number; header: string }
  | { kind: "cookie"; headerIndex: number; cookie: string }
  | { kind: "query"; parameter: string }
  /** A path segment, counted like `path.split("/")` (index 0 is the empty text before the first `/`). */
  | { kind: "path-segment"; index: number }
  | { kind: "url-userinfo" }
  | { kind: "json"; path: SecretJsonPath }
  | { kind: "form"; field: string }
  | { kind: "multipart"; partIndex: number; field: string }
  /** A JWT inside a body that is neither JSON nor a form. */
  | { kind: "text-body" }
  | { kind: "response-header"; headerIndex: number; header: string }
  | { kind: "response-cookie"; headerIndex: number; cookie: string }
  | { kind: "response-json"; path: SecretJsonPath };

export type SecretReason =
  | "credential header"
  | "API key header"
  | "session cookie"
  | "secret-named query parameter"
  | "secret-named body field"
  | "JWT"
  | "URL user info";

export interface SecretFinding {
  place: SecretPlace;
  /** The name it sits under: header, cookie, parameter or field name; the JSON key. */
  name: string;
  /** For JSON places: the path from the root, e.g. `["user", "password"]`. */
  jsonPath?: SecretJsonPath;
  reason: SecretReason;
  /** In words, for the redaction report: `Authorization header credential (Bearer)`. */
  description: string;
  /** Upper snake case, without the service prefix the planner adds: `AUTHORIZATION_TOKEN`. */
  envName: string;
}

const JWT = /eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/;
const CREDENTIAL_HEADERS = new Set(["authorization", "proxy-authorization"]);
/** Header names that carry credentials by convention. */
const SECRET_HEADER =
  /^(?:x-auth-.+|.*(?:^|-)(?:api-?key|apikey|token|secret|signature|password|passwd|session(?:-?id)?|credentials?|key|[a-z]*(?:csrf|xsrf|token|secret|password|passwd|apikey)[a-z]*)(?:-.*)?)$/;
/** Header names that look like the above but never hold a secret. */
const NOT_SECRET_HEADER = new Set([
  "idempotency-key",
  "x-idempotency-key",
  "sec-websocket-key",
  "x-request-id",
  "keep-alive",
  "x-api-version",
]);
/** Names (snake-cased) that are secret wherever they appear in the name. */
const STRONG_SECRET_NAME =
  /(?:^|_)(?:password|passwd|passphrase|secret|client_secret|credentials?|private_key|api_?key|apikey|access_?token|refresh_?token|id_token|auth_?token|session_?token|session_?id|sessionid)(?:_|$)/;
/** Names (snake-cased) that are secret as the name's last word. */
const ENDING_SECRET_NAME = /(?:^|_)(?:token|sig|signature|pwd|pin|otp|sid|auth|key|jwt)$/;
/** Last words that are secret only when the value looks like a credential (8+ characters). */
const WEAK_ENDINGS = new Set(["key", "sig", "auth", "sid"]);
const NOT_SECRET_NAME =
  /(?:^|_)(?:idempotency|sort|partition|cache|public|primary|foreign|lookup|i18n|translation)_key$|^(?:token_type|key_id|kid)$/;
/** Cookie names that hold sessions or credentials by convention. */
const SESSION_COOKIE =
  /sess|sid$|^sid|token|auth|jwt|login|remember|csrf|xsrf|secret|credential|^__(?:secure|host)-|identity|^_?_?cf_bm$/i;

function snakeName(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/[^A-Za-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .toLowerCase();
}

export function envNameOf(...words: string[]): string {
  return words
    .map((word) => snakeName(word).toUpperCase())
    .filter((word) => word !== "")
    .join("_");
}

export function isSecretName(name: string, value: string): boolean {
  const snake = snakeName(name);
  if (snake === "" || NOT_SECRET_NAME.test(snake)) return false;
  if (STRONG_SECRET_NAME.test(snake)) return true;
  const ending = ENDING_SECRET_NAME.exec(snake)?.[0].replace(/^_/, "");
  if (!ending) return false;
  return !WEAK_ENDINGS.has(ending) || value.length >= 8;
}

function isSecretHeaderName(lowerName: string): boolean {
  return !NOT_SECRET_HEADER.has(lowerName) && SECRET_HEADER.test(lowerName);
}

export function findSecrets(request: CapturedRequest): SecretFinding[] {
  const findings: SecretFinding[] = [];
  findUrlSecrets(request.url, findings);
  request.headers.forEach((header, index) => findHeaderSecrets(header, index, findings));
  findBodySecrets(request, findings);
  findResponseSecrets(request, findings);
  return findings;
}

function findUrlSecrets(url: string, findings: SecretFinding[]): void {
  const match = /^([A-Za-z][A-Za-z0-9+.-]*:\/\/)([^/?#]*)([^?#]*)(\?[^#]*)?/.exec(url);
  if (!match) return;
  const authority = match[2] ?? "";
  const at = authority.lastIndexOf("@");
  if (at !== -1) {
    findings.push({
      place: { kind: "url-userinfo" },
      name: "userinfo",
      reason: "URL user info",
      description: "user name and password in the URL",
      envName: "URL_USERINFO",
    });
  }
  (match[3] ?? "").split("/").forEach((segment, index) => {
    if (JWT.test(formDecodedOrKept(segment))) {
      findings.push({
        place: { kind: "path-segment", index },
        name: `path segment ${index}`,
        reason: "JWT",
        description: `JWT in URL path segment ${index}`,
        envName: "PATH_TOKEN",
      });
    }
  });
  const query = (match[4] ?? "").slice(1);
  if (query === "") return;
  const seen = new Set<string>();
  for (const pair of query.split("&")) {
    const equals = pair.indexOf("=");
    if (equals === -1) continue;
    const name = formDecodedOrKept(pair.slice(0, equals));
    const value = formDecodedOrKept(pair.slice(equals + 1));
    if (value === "" || seen.has(name)) continue;
    const byName = isSecretName(name, value);
    if (byName || JWT.test(value)) {
      seen.add(name);
      findings.push({
        place: { kind: "query", parameter: name },
        name,
        reason: byName ? "secret-named query parameter" : "JWT",
        description: `query parameter ${name}`,
        envName: envNameOf("query", name),
      });
    }
  }
}

function findHeaderSecrets(
  header: NameValue,
  headerIndex: number,
  findings: SecretFinding[],
): void {
  const lower = header.name.toLowerCase();
  const value = header.value;
  if (value.trim() === "") return;
  if (CREDENTIAL_HEADERS.has(lower)) {
    const scheme = /^([A-Za-z][A-Za-z0-9_-]*) +(?=\S)/.exec(value)?.[1] ?? null;
    const prefix = lower === "authorization" ? "authorization" : "proxy_authorization";
    const kind = scheme === null ? "" : scheme.toLowerCase() === "bearer" ? "token" : scheme;
    findings.push({
      place: { kind: "credential", headerIndex, header: header.name, scheme },
      name: header.name,
      reason: "credential header",
      description: `${header.name} header credential${scheme ? ` (${scheme})` : ""}`,
      envName: envNameOf(prefix, kind),
    });
    return;
  }
  if (lower === "cookie") {
    findCookieSecrets(value, (cookie) => ({ kind: "cookie", headerIndex, cookie }), findings, "");
    return;
  }
  if (isSecretHeaderName(lower) || JWT.test(value)) {
    findings.push({
      place: { kind: "header", headerIndex, header: header.name },
      name: header.name,
      reason: isSecretHeaderName(lower) ? "API key header" : "JWT",
      description: `${header.name} header`,
      envName: envNameOf(header.name),
    });
  }
}

function findCookieSecrets(
  cookieHeader: string,
  placeOf: (cookie: string) => SecretPlace,
  findings: SecretFinding[],
  envPrefix: string,
): void {
  for (const piece of cookieHeader.split(";")) {
    const equals = piece.indexOf("=");
    if (equals === -1) continue;
    const cookie = piece.slice(0, equals).trim();
    const value = piece.slice(equals + 1).trim();
    if (value === "") continue;
    if (SESSION_COOKIE.test(cookie) || JWT.test(value) || looksLikeOpaqueToken(value)) {
      findings.push({
        place: placeOf(cookie),
        name: cookie,
        reason: JWT.test(value) && !SESSION_COOKIE.test(cookie) ? "JWT" : "session cookie",
        description: `cookie ${cookie}`,
        envName: envNameOf(envPrefix, "cookie", cookie),
      });
    }
  }
}

function bodyContentType(request: CapturedRequest): string {
  const body = request.body;
  const fromBody =
    body.kind === "text" || body.kind === "binary" || body.kind === "file"
      ? body.mimeType
      : undefined;
  return (
    fromBody ??
    request.headers.find((header) => header.name.toLowerCase() === "content-type")?.value ??
    ""
  ).toLowerCase();
}

function findBodySecrets(request: CapturedRequest, findings: SecretFinding[]): void {
  const body = request.body;
  if (body.kind === "multipart") {
    body.parts.forEach((part, partIndex) => {
      const value = part.value ?? "";
      if (part.filename !== undefined || part.filePath !== undefined || value === "") return;
      const byName = isSecretName(part.name, value);
      if (byName || JWT.test(value)) {
        findings.push({
          place: { kind: "multipart", partIndex, field: part.name },
          name: part.name,
          reason: byName ? "secret-named body field" : "JWT",
          description: `multipart field ${part.name}`,
          envName: envNameOf("form", part.name),
        });
      }
    });
    return;
  }
  if (body.kind !== "text" || body.text === "") return;
  const contentType = bodyContentType(request);
  const json =
    /json/.test(contentType) || /^\s*[[{]/.test(body.text) ? parseJson(body.text) : undefined;
  if (json !== undefined) {
    walkJson(json, [], (path, value) => jsonFinding(path, value, "json", findings));
    return;
  }
  if (/x-www-form-urlencoded/.test(contentType) || /^[^\s=&]+=[^\s]*$/.test(body.text)) {
    const seen = new Set<string>();
    for (const pair of body.text.split("&")) {
      const equals = pair.indexOf("=");
      if (equals === -1) continue;
      const field = formDecodedOrKept(pair.slice(0, equals));
      const value = formDecodedOrKept(pair.slice(equals + 1));
      if (value === "" || seen.has(field)) continue;
      const byName = isSecretName(field, value);
      if (byName || JWT.test(value)) {
        seen.add(field);
        findings.push({
          place: { kind: "form", field },
          name: field,
          reason: byName ? "secret-named body field" : "JWT",
          description: `form field ${field}`,
          envName: envNameOf("form", field),
        });
      }
    }
    return;
  }
  if (JWT.test(body.text)) {
    findings.push({
      place: { kind: "text-body" },
      name: "body",
      reason: "JWT",
      description: "JWT in the request body",
      envName: "BODY_JWT",
    });
  }
}

function jsonFinding(
  path: SecretJsonPath,
  value: string | number,
  where: "json" | "response-json",
  findings: SecretFinding[],
): void {
  const text = String(value);
  if (text === "") return;
  const key = [...path].reverse().find((step): step is string => typeof step === "string") ?? "";
  const byName = key !== "" && isSecretName(key, text);
  if (!byName && !(typeof value === "string" && JWT.test(value))) return;
  const namedPath = path.filter((step): step is string => typeof step === "string");
  findings.push({
    place: { kind: where, path },
    name: key,
    jsonPath: path,
    reason: byName ? "secret-named body field" : "JWT",
    description: `${where === "json" ? "body" : "response body"} field ${jsonPathText(path) || "(root)"}`,
    envName: envNameOf(where === "json" ? "body" : "response", ...namedPath),
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

const MAX_JSON_DEPTH = 64;

/** Calls `visit` for each string or number leaf, with its path; bounded in depth. */
function walkJson(
  value: unknown,
  path: SecretJsonPath,
  visit: (path: SecretJsonPath, leaf: string | number) => void,
): void {
  if (path.length > MAX_JSON_DEPTH) return;
  if (typeof value === "string" || typeof value === "number") {
    visit(path, value);
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => walkJson(item, [...path, index], visit));
  } else if (typeof value === "object" && value !== null) {
    for (const [key, item] of Object.entries(value)) walkJson(item, [...path, key], visit);
  }
}

function findResponseSecrets(request: CapturedRequest, findings: SecretFinding[]): void {
  const response = request.response;
  if (!response) return;
  response.headers.forEach((header, headerIndex) => {
    const lower = header.name.toLowerCase();
    if (lower === "set-cookie") {
      const nameValue = header.value.split(";")[0] ?? "";
      findCookieSecrets(
        nameValue,
        (cookie) => ({ kind: "response-cookie", headerIndex, cookie }),
        findings,
        "response",
      );
    } else if (
      (isSecretHeaderName(lower) || JWT.test(header.value)) &&
      header.value.trim() !== ""
    ) {
      findings.push({
        place: { kind: "response-header", headerIndex, header: header.name },
        name: header.name,
        reason: isSecretHeaderName(lower) ? "API key header" : "JWT",
        description: `response header ${header.name}`,
        envName: envNameOf("response", header.name),
      });
    }
  });
  if (response.bodyText === undefined) return;
  const json = parseJson(response.bodyText);
  if (json !== undefined)
    walkJson(json, [], (path, value) => jsonFinding(path, value, "response-json", findings));
}
