import { jsonPathText } from "./json-path-text.ts";
import type { SecretFinding, SecretJsonPath } from "./secret-finder.ts";
import { JWT, envNameOf, isSecretName } from "./secret-names.ts";

/** Secrets among the leaves of a JSON body: secret-named fields and JWTs. */
export function findJsonSecrets(
  json: unknown,
  where: "json" | "response-json",
  findings: SecretFinding[],
): void {
  walkJson(json, [], (path, value) => jsonFinding(path, value, where, findings));
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
