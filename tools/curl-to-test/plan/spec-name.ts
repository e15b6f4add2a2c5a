/**
 * Names a spec file and its tests from the resource and the action, the way a person would:
 * `POST /v1/orders` → `create-order`, `POST /v1/orders/{id}/cancel` → `cancel-order`,
 * `GET /v1/members/{memberId}/orders` → `get-member-orders`. The name depends only on the
 * method and the path template, so it is the same on every run.
 */
import { nameWords } from "../model/identifier-names.ts";

export interface PathSegment {
  text: string;
  /** An identifier (`{id}`), not a resource name. */
  isParameter: boolean;
}

const verbByMethod: Record<string, string> = {
  GET: "get",
  HEAD: "check",
  POST: "create",
  PUT: "update",
  PATCH: "update",
  DELETE: "delete",
};

/** Words for the resources of a path: owners named by an id are singular (`member`). */
const maxResourceWords = 4;

/**
 * `host` names a request to the root path (`POST /` on `api.shop.example` → `create-shop`),
 * where the path says nothing.
 */
export function specNameWords(
  method: string,
  segments: readonly PathSegment[],
  host = "",
): string[] {
  const verb = verbByMethod[method.toUpperCase()] ?? method.toLowerCase();
  const resources: { words: string[]; ownsParameter: boolean }[] = [];
  segments.forEach((segment, index) => {
    if (segment.isParameter) return;
    const words = nameWords(segment.text);
    if (words.length > 0) {
      resources.push({ words, ownsParameter: segments[index + 1]?.isParameter === true });
    }
  });
  const last = resources.at(-1);
  if (!last) return [verb, hostWord(host) ?? "root"];
  const owners = resources
    .slice(0, -1)
    .flatMap((each) => (each.ownsParameter ? singularWords(each.words) : each.words));
  const afterParameter = segments.at(-1)?.isParameter === false && segments.at(-2)?.isParameter;
  if (verb === "create" && !last.ownsParameter && !isPlural(last.words)) {
    // `POST /orders/{id}/cancel`: an action on the resource the id names (`cancel-order`);
    // `POST /auth/login`: an action of its own (`auth-login`).
    return afterParameter
      ? [...last.words, ...owners.slice(-maxResourceWords)]
      : [...owners, ...last.words].slice(-maxResourceWords);
  }
  const target =
    last.ownsParameter || (verb === "create" && isPlural(last.words))
      ? singularWords(last.words)
      : last.words;
  return [verb, ...[...owners, ...target].slice(-maxResourceWords)];
}

/** A test title's lead: `create order`, `cancel order`. */
export function actionPhrase(words: readonly string[]): string {
  return words.join(" ");
}

function isPlural(words: readonly string[]): boolean {
  return /[^s]s$|ies$/.test(words.at(-1) ?? "");
}

function singularWords(words: readonly string[]): string[] {
  const last = words.at(-1) ?? "";
  const singular = /ies$/.test(last)
    ? `${last.slice(0, -3)}y`
    : /(?:ss|us|is)$/.test(last)
      ? last
      : /[^s]s$/.test(last)
        ? last.slice(0, -1)
        : last;
  return [...words.slice(0, -1), singular];
}

/** The host of an absolute URL, without user info: `api.shop.example:8443`. */
export function hostOf(url: string): string {
  return /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/?#]*@)?([^/?#]*)/i.exec(url)?.[1] ?? "";
}

const genericHostLabels =
  /^(?:api|www|app|web|rest|gateway|service|services|com|net|org|io|dev|co|localhost)$/;

/** The label of a host that names the service: `api.shop.example.com` → `shop`. */
function hostWord(host: string): string | undefined {
  if (/^[\d.]+$|^\[/.test(host)) return undefined;
  const labels = host.toLowerCase().replace(/:\d+$/, "").split(".");
  return labels.slice(0, -1).find((label) => !genericHostLabels.test(label) && /[a-z]/.test(label));
}
