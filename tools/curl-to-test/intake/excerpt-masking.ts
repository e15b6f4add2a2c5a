/**
 * Hides credentials in the source line a failure quotes, character for character, so the
 * caret under the offending token stays aligned and no secret reaches stderr or a CI log.
 */

const MASK = "*";

/** Each pattern's last capture group is the secret; the text before it stays readable. */
const CREDENTIAL_PATTERNS: readonly RegExp[] = [
  // Authorization: Bearer xyz / Proxy-Authorization: Basic xyz (the scheme stays visible)
  /((?:proxy-)?authorization\s*:\s*(?:[A-Za-z][\w-]*\s+)?)([^'"\s^`]+(?:[^'"^`]*[^'"\s^`])?)/gi,
  // Cookie: a=1; b=2 and Set-Cookie
  /((?:set-)?cookie\s*:\s*)([^'"^`]+)/gi,
  // -b 'a=1; b=2' and -u user:password / --user, quoted or not
  /((?:^|\s)(?:-b|--cookie|-u|--user)\s*['"])([^'"]+)/g,
  /((?:^|\s)(?:-b|--cookie|-u|--user)\s+)([^'"\s*]+)/g,
  // X-Api-Key: …, X-Auth-Token: …, client-secret: …
  /([\w-]*(?:api-?key|token|secret|password|passwd|signature|session)[\w-]*\s*:\s*)([^'"\s^`]+)/gi,
  // access_token=…, "password": "…"
  /([\w-]*(?:token|secret|password|passwd|api_?key|apikey|signature|sig|key)["']?\s*[=:]\s*["']?)([^&'"\s,}]+)/gi,
  // https://user:password@host
  /(:\/\/[^/:@\s'"]+:)([^@\s'"]+)(?=@)/g,
  // JWTs anywhere
  /()(eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*)/g,
];

export function maskCredentials(line: string): string {
  let masked = line;
  for (const pattern of CREDENTIAL_PATTERNS) {
    masked = masked.replace(
      pattern,
      (_match, before: string, secret: string) => before + MASK.repeat(secret.length),
    );
  }
  return masked;
}
