import type { Request as CurlconverterRequest, RequestUrl } from "curlconverter";
import type { NameValue } from "../model/captured-request.ts";
import type { CurlOption } from "./curl-options.ts";
import type { WarningNote } from "../model/conversion-warning.ts";

/** Canonical spelling of the headers curl adds itself, whatever case curlconverter chose. */
const CURL_HEADER_SPELLING: Record<string, string> = {
  "content-type": "Content-Type",
  accept: "Accept",
  cookie: "Cookie",
  "user-agent": "User-Agent",
  referer: "Referer",
  authorization: "Authorization",
  range: "Range",
};
const CHALLENGE_AUTH_OPTIONS = new Set(["digest", "ntlm", "ntlm-wb", "negotiate", "anyauth"]);
/** curl sends these after the -H headers; the others it derives go before them. */
const SENT_AFTER_CUSTOM_HEADERS = new Set(["content-type", "accept"]);

type HeaderArgument =
  | { kind: "send"; name: string; value: string }
  | { kind: "omit"; name: string }
  | { kind: "file" }
  | { kind: "ignored" };

/** curl's rules: `Name: value` sends, `Name:` removes, `Name;` sends an empty value. */
function readHeaderArgument(raw: string): HeaderArgument {
  if (raw.startsWith("@")) return { kind: "file" };
  const colon = raw.indexOf(":");
  const semicolon = raw.indexOf(";");
  if (colon > 0 && (semicolon === -1 || colon < semicolon)) {
    const name = raw.slice(0, colon).trim();
    const value = raw.slice(colon + 1).trim();
    return value === "" ? { kind: "omit", name } : { kind: "send", name, value };
  }
  if (semicolon > 0 && raw.slice(semicolon + 1).trim() === "") {
    return { kind: "send", name: raw.slice(0, semicolon).trim(), value: "" };
  }
  return { kind: "ignored" };
}

export function withAuthorization(
  headers: NameValue[],
  url: RequestUrl,
  request: CurlconverterRequest,
): NameValue[] {
  if (!url.auth || request.authType !== "basic") return headers;
  if (headers.some((header) => header.name.toLowerCase() === "authorization")) return headers;
  const [user, password] = url.auth;
  const credentials = Buffer.from(`${user.toString()}:${password.toString()}`).toString("base64");
  return [{ name: "Authorization", value: `Basic ${credentials}` }, ...headers];
}

/** The `-H` headers: those sent, and the names removed (`Name:`), warning about the rest. */
export function readCustomHeaders(
  options: readonly CurlOption[],
  warnings: WarningNote[],
): { custom: NameValue[]; omitted: string[] } {
  const custom: NameValue[] = [];
  const omitted: string[] = [];
  for (const option of options) {
    if (option.name !== "header" || option.value === undefined) continue;
    const header = readHeaderArgument(option.value);
    if (header.kind === "send") custom.push({ name: header.name, value: header.value });
    else if (header.kind === "omit") omitted.push(header.name);
    else if (header.kind === "file") {
      warnings.push({
        code: "header-file-not-read",
        message: `${option.flag} @file: headers read from a file are not reproduced`,
      });
    } else {
      // The argument is not quoted: without its colon it may be a credential.
      warnings.push({
        code: "header-without-colon",
        message: `${option.flag}: an argument without ":" is not sent by curl, nor by the test`,
      });
    }
  }
  return { custom, omitted };
}

/** A challenge-response method (--digest…) is allowed: curl starts without credentials. */
export function allowsChallengeAuth(options: readonly CurlOption[]): boolean {
  return options.some(
    (option) => CHALLENGE_AUTH_OPTIONS.has(option.name) && option.enabled !== false,
  );
}

/** The headers curl sends, in its order: those it derives around the `-H` ones. */
export function curlHeaders(
  request: CurlconverterRequest,
  custom: readonly NameValue[],
  omitted: readonly string[],
  challengeAuth: boolean,
): NameValue[] {
  const customNames = new Set([
    ...custom.map((each) => each.name.toLowerCase()),
    ...omitted.map((n) => n.toLowerCase()),
  ]);
  const before: NameValue[] = [];
  const after: NameValue[] = [];
  for (const [name, value] of request.headers) {
    const lower = name.toString().trim().toLowerCase();
    if (value === null || customNames.has(lower)) continue;
    // With a challenge-response method allowed, curl's first request carries no credentials.
    if (lower === "authorization" && challengeAuth) continue;
    const header = {
      name: CURL_HEADER_SPELLING[lower] ?? name.toString(),
      value: value.toString(),
    };
    (SENT_AFTER_CUSTOM_HEADERS.has(lower) ? after : before).push(header);
  }
  return [...before, ...custom, ...after];
}
