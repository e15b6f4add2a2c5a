import type { ValueTemplate } from "./conversion-plan.ts";

/** A template's text with env vars and variables shown as `{NAME}`, for titles and keys. */
export function literalText(template: ValueTemplate): string {
  return template.map((part) => (part.kind === "literal" ? part.text : `{${part.name}}`)).join("");
}

const maxTitleUrl = 100;

export function exchangeTitle(method: string, url: ValueTemplate, status: number | null): string {
  const text = literalText(url);
  const shown = text.length > maxTitleUrl ? `${text.slice(0, maxTitleUrl - 1)}…` : text;
  return `${method} ${shown}${status === null ? "" : ` → ${status}`}`;
}
