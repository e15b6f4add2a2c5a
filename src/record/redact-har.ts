/**
 * `--redact`: a copy of the capture for sharing, with every secret the converter finds
 * (credentials, API keys, session cookies, tokens, secret-named fields, in requests and
 * responses) replaced by the env var placeholder the converter would name, e.g.
 * `${ORDER_AUTHORIZATION_TOKEN}`. A value is replaced wherever it occurs, raw or percent-encoded,
 * so a token a login response returned is gone from the later requests that send it too.
 */
import { harRequest } from "../../tools/curl-to-test/intake/har-entry.ts";
import { harEntries } from "../../tools/curl-to-test/intake/har-log.ts";
import { findSecrets } from "../../tools/curl-to-test/plan/secret-finder.ts";
import { secretValues } from "./secret-values.ts";

export interface RedactedHar {
  text: string;
  /** Env var names used, each standing for one captured value. */
  placeholders: string[];
  /** In words, without values: what could not be redacted safely. */
  warnings: string[];
}

/** Shorter values would match by chance all over the file; they are reported, not replaced. */
const minValueLength = 3;

export function redactHar(harText: string, service: string | undefined): RedactedHar {
  const document = JSON.parse(harText) as unknown;
  const entries = harEntries(document) ?? [];
  const prefix = service ? `${service.toUpperCase().replace(/[^A-Z0-9]+/g, "_")}_` : "";
  const nameByValue = new Map<string, string>();
  const countByBase = new Map<string, number>();
  const warnings: string[] = [];
  entries.forEach((entry, index) => {
    const url = typeof entry.request?.url === "string" ? entry.request.url : "";
    if (!URL.canParse(url)) return;
    const request = harRequest({ entry, url, source: { file: "har", line: index + 1, column: 1 } });
    for (const finding of findSecrets(request)) {
      for (const value of secretValues(request, finding)) {
        if (value === "" || nameByValue.has(value)) continue;
        if (value.length < minValueLength) {
          warnings.push(`entry ${index + 1}: ${finding.description} is too short to redact safely`);
          continue;
        }
        const base = `${prefix}${finding.envName}`;
        const count = (countByBase.get(base) ?? 0) + 1;
        countByBase.set(base, count);
        nameByValue.set(value, count === 1 ? base : `${base}_${count}`);
      }
    }
  });
  const replacements = replacementList(nameByValue);
  const redacted = mapStrings(document, (text) => replaceAll(text, replacements));
  return {
    text: `${JSON.stringify(redacted, null, 2)}\n`,
    placeholders: [...new Set(nameByValue.values())],
    warnings,
  };
}

interface Replacement {
  pattern: RegExp;
  placeholder: string;
}

/** Longest values first, so a token is not half-replaced by a shorter secret inside it. */
function replacementList(nameByValue: ReadonlyMap<string, string>): Replacement[] {
  return [...nameByValue]
    .sort(([a], [b]) => b.length - a.length)
    .flatMap(([value, name]) =>
      [...new Set([value, encodeURIComponent(value), JSON.stringify(value).slice(1, -1)])].map(
        (form) => ({
          pattern: boundedPattern(form),
          placeholder: `\${${name}}`,
        }),
      ),
    );
}

/** A short password must not match inside other words: an alphanumeric edge needs a boundary. */
function boundedPattern(form: string): RegExp {
  const before = /^[A-Za-z0-9]/.test(form) ? "(?<![A-Za-z0-9])" : "";
  const after = /[A-Za-z0-9]$/.test(form) ? "(?![A-Za-z0-9])" : "";
  return new RegExp(`${before}${escapeRegExp(form)}${after}`, "g");
}

function replaceAll(text: string, replacements: readonly Replacement[]): string {
  let result = text;
  for (const { pattern, placeholder } of replacements) {
    result = result.replace(pattern, () => placeholder);
  }
  return result;
}

function mapStrings(value: unknown, map: (text: string) => string): unknown {
  if (typeof value === "string") return map(value);
  if (Array.isArray(value)) return value.map((item) => mapStrings(item, map));
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, mapStrings(item, map)]),
    );
  }
  return value;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
