import type { CapturedRequest } from "../model/captured-request.ts";
import { setCookiePair } from "../../../src/shared/cookie-pairs.ts";
import { findCookieSecrets } from "./cookie-secrets.ts";
import { safeJsonParse } from "./json-body.ts";
import { findJsonSecrets } from "./json-secrets.ts";
import type { SecretFinding } from "./secret-finder.ts";
import { JWT, envNameOf, isSecretHeaderName } from "./secret-names.ts";

/** Secrets the captured response hands out: cookies, key headers, secret-named body fields. */
export function findResponseSecrets(request: CapturedRequest, findings: SecretFinding[]): void {
  const response = request.response;
  if (!response) return;
  response.headers.forEach((header, headerIndex) => {
    const lower = header.name.toLowerCase();
    if (lower === "set-cookie") {
      findCookieSecrets(
        setCookiePair(header.value),
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
  const json = safeJsonParse(response.bodyText);
  if (json !== undefined) findJsonSecrets(json, "response-json", findings);
}
