import type { CapturedResponse } from "../model/captured-request.ts";

/** A response's body as JSON when it looks like JSON; undefined otherwise. */
export function parseJson(response: CapturedResponse | undefined): unknown {
  if (!response?.bodyText) return undefined;
  if (!/json/i.test(response.mimeType ?? "") && !/^\s*[[{]/.test(response.bodyText))
    return undefined;
  return safeJsonParse(response.bodyText);
}

export function safeJsonParse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
