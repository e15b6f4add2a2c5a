/** What names and values say a secret: header, cookie and field names, JWTs; env var names. */
import { formDecodedOrKept } from "./percent-decoding.ts";

export const JWT = /eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/;
export const CREDENTIAL_HEADERS = new Set(["authorization", "proxy-authorization"]);
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
/** Cookie names that hold sessions or credentials by convention. */
export const SESSION_COOKIE =
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

export function isSecretHeaderName(lowerName: string): boolean {
  return !NOT_SECRET_HEADER.has(lowerName) && SECRET_HEADER.test(lowerName);
}

/** The pairs of `a=1&b=2` text (a query or a form) that hold a secret: the first of each name. */
export function secretPairs(text: string): { name: string; byName: boolean }[] {
  const found: { name: string; byName: boolean }[] = [];
  const seen = new Set<string>();
  for (const pair of text.split("&")) {
    const equals = pair.indexOf("=");
    if (equals === -1) continue;
    const name = formDecodedOrKept(pair.slice(0, equals));
    const value = formDecodedOrKept(pair.slice(equals + 1));
    if (value === "" || seen.has(name)) continue;
    const byName = isSecretName(name, value);
    if (byName || JWT.test(value)) {
      seen.add(name);
      found.push({ name, byName });
    }
  }
  return found;
}
