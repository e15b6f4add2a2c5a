import type { CapturedRequest, MultipartPart } from "../model/captured-request.ts";
import { safeJsonParse } from "./json-body.ts";
import { findJsonSecrets } from "./json-secrets.ts";
import type { SecretFinding } from "./secret-finder.ts";
import { JWT, envNameOf, isSecretName, secretPairs } from "./secret-names.ts";

/** Secrets the request body sends: secret-named fields of JSON, forms and multipart, JWTs. */
export function findBodySecrets(request: CapturedRequest, findings: SecretFinding[]): void {
  const body = request.body;
  if (body.kind === "multipart") {
    findMultipartSecrets(body.parts, findings);
    return;
  }
  if (body.kind !== "text" || body.text === "") return;
  const contentType = bodyContentType(request);
  const json =
    /json/.test(contentType) || /^\s*[[{]/.test(body.text) ? safeJsonParse(body.text) : undefined;
  if (json !== undefined) {
    findJsonSecrets(json, "json", findings);
    return;
  }
  if (/x-www-form-urlencoded/.test(contentType) || /^[^\s=&]+=[^\s]*$/.test(body.text)) {
    findFormSecrets(body.text, findings);
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

function findMultipartSecrets(parts: readonly MultipartPart[], findings: SecretFinding[]): void {
  parts.forEach((part, partIndex) => {
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
}

function findFormSecrets(text: string, findings: SecretFinding[]): void {
  for (const { name: field, byName } of secretPairs(text)) {
    findings.push({
      place: { kind: "form", field },
      name: field,
      reason: byName ? "secret-named body field" : "JWT",
      description: `form field ${field}`,
      envName: envNameOf("form", field),
    });
  }
}
