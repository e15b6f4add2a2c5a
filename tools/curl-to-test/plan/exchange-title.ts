import type { PlannedRequest, ValueTemplate } from "./conversion-plan.ts";

/** A template's text with env vars and variables shown as `{NAME}`, for titles and keys. */
export function literalText(template: ValueTemplate): string {
  return template.map((part) => (part.kind === "literal" ? part.text : `{${part.name}}`)).join("");
}

const maxTitleUrl = 100;

/** The URL a title shows: query parameters read from files as curl wrote them (`name=@file`). */
export function titleUrl(request: PlannedRequest): ValueTemplate {
  const files = (request.queryFiles ?? []).map(
    (file) => `${file.name === undefined ? "" : `${file.name}=`}@${file.path}`,
  );
  return files.length === 0
    ? request.url
    : [...request.url, { kind: "literal", text: files.join("&") }];
}

export function exchangeTitle(method: string, url: ValueTemplate, status: number | null): string {
  const text = literalText(url);
  const shown = text.length > maxTitleUrl ? `${text.slice(0, maxTitleUrl - 1)}…` : text;
  return `${method} ${shown}${status === null ? "" : ` → ${status}`}`;
}
