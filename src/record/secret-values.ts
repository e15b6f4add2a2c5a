/**
 * The values behind the converter's secret findings: where `findSecrets` says a secret is, this
 * reads what is there, so a shared HAR can carry an env var placeholder in its place.
 */
import type { CapturedRequest } from "../../tools/curl-to-test/model/captured-request.ts";
import { formDecodedOrKept } from "../../tools/curl-to-test/plan/percent-decoding.ts";
import type { SecretFinding, SecretJsonPath } from "../../tools/curl-to-test/plan/secret-finder.ts";
import { cookiePairs, setCookiePair } from "../shared/cookie-pairs.ts";

const JWT = /eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/;

/** The captured values of one finding (a query parameter may repeat); empty when none is found. */
export function secretValues(request: CapturedRequest, finding: SecretFinding): string[] {
  const place = finding.place;
  const body = request.body;
  switch (place.kind) {
    case "credential": {
      const value = request.headers[place.headerIndex]?.value ?? "";
      return [
        place.scheme
          ? value.slice(value.indexOf(place.scheme) + place.scheme.length).trim()
          : value,
      ];
    }
    case "header":
      return [request.headers[place.headerIndex]?.value ?? ""];
    case "cookie":
      return cookieValues(request.headers[place.headerIndex]?.value, place.cookie);
    case "response-header":
      return [request.response?.headers[place.headerIndex]?.value ?? ""];
    case "response-cookie":
      return cookieValues(
        setCookiePair(request.response?.headers[place.headerIndex]?.value),
        place.cookie,
      );
    case "query":
      return formValues(new URL(request.url).search.slice(1), place.parameter);
    case "path-segment":
      return [formDecodedOrKept(new URL(request.url).pathname.split("/")[place.index] ?? "")];
    case "url-userinfo": {
      const url = new URL(request.url);
      return [url.username, url.password].map(formDecodedOrKept);
    }
    case "json":
      return body.kind === "text" ? jsonValues(body.text, place.path) : [];
    case "response-json":
      return jsonValues(request.response?.bodyText, place.path);
    case "form":
      return body.kind === "text" ? formValues(body.text, place.field) : [];
    case "multipart":
      return body.kind === "multipart" ? [body.parts[place.partIndex]?.value ?? ""] : [];
    case "text-body":
      return body.kind === "text" ? [JWT.exec(body.text)?.[0] ?? ""] : [];
  }
}

function cookieValues(header: string | undefined, cookie: string): string[] {
  return cookiePairs(header)
    .filter(({ name }) => name === cookie)
    .map(({ value }) => value);
}

function formValues(text: string, name: string): string[] {
  return text.split("&").flatMap((pair) => {
    const equals = pair.indexOf("=");
    if (equals === -1 || formDecodedOrKept(pair.slice(0, equals)) !== name) return [];
    return [formDecodedOrKept(pair.slice(equals + 1))];
  });
}

function jsonValues(text: string | undefined, path: SecretJsonPath): string[] {
  let value: unknown;
  try {
    value = JSON.parse(text ?? "");
  } catch {
    return [];
  }
  for (const step of path) {
    if (typeof value !== "object" || value === null) return [];
    value = (value as Record<string | number, unknown>)[step];
  }
  return typeof value === "string" || typeof value === "number" ? [String(value)] : [];
}
