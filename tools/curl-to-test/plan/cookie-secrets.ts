import { cookiePairs } from "../../../src/shared/cookie-pairs.ts";
import type { SecretFinding, SecretPlace } from "./secret-finder.ts";
import { JWT, SESSION_COOKIE, envNameOf } from "./secret-names.ts";
import { looksLikeOpaqueToken } from "./opaque-token.ts";

/** Cookies of a `Cookie` or `Set-Cookie` header that hold sessions, credentials or tokens. */
export function findCookieSecrets(
  cookieHeader: string,
  placeOf: (cookie: string) => SecretPlace,
  findings: SecretFinding[],
  envPrefix: string,
): void {
  for (const { name: cookie, value } of cookiePairs(cookieHeader)) {
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
