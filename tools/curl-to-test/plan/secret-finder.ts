/**
 * Finds the secrets in a captured request (and its captured response), so the planner can
 * put env var references in their place. Detection only: a finding says where a secret is,
 * under which name, why, and which env var should stand for it. It never holds the value.
 *
 * `-u user:pass` is not a case of its own: the intake turns it into the `Authorization: Basic`
 * header curl sends, found here as a credential header.
 */
import type { CapturedRequest, NameValue } from "../model/captured-request.ts";
import { findBodySecrets } from "./body-secrets.ts";
import { findCookieSecrets } from "./cookie-secrets.ts";
import { formDecodedOrKept } from "./percent-decoding.ts";
import { findResponseSecrets } from "./response-secrets.ts";
import {
  CREDENTIAL_HEADERS,
  JWT,
  envNameOf,
  isSecretHeaderName,
  secretPairs,
} from "./secret-names.ts";

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
  for (const { name, byName } of secretPairs(query)) {
    findings.push({
      place: { kind: "query", parameter: name },
      name,
      reason: byName ? "secret-named query parameter" : "JWT",
      description: `query parameter ${name}`,
      envName: envNameOf("query", name),
    });
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
