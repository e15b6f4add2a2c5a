/**
 * Atlassian Document Format: the rich-text JSON that Jira Cloud's REST v3 requires for
 * descriptions and comments. Only the nodes the tickets use; builders drop empty text, which
 * Jira rejects.
 */
export interface AdfDocument {
  type: "doc";
  version: 1;
  content: AdfBlock[];
}

export type AdfBlock =
  | { type: "paragraph"; content: AdfInline[] }
  | { type: "heading"; attrs: { level: 1 | 2 | 3 | 4 | 5 | 6 }; content: AdfInline[] }
  | { type: "codeBlock"; attrs?: { language: string }; content: AdfText[] }
  | { type: "bulletList"; content: AdfListItem[] }
  | { type: "rule" };

export interface AdfListItem {
  type: "listItem";
  content: AdfBlock[];
}

export type AdfInline = AdfText | { type: "hardBreak" };

export interface AdfText {
  type: "text";
  text: string;
  marks?: AdfMark[];
}

export type AdfMark =
  { type: "code" } | { type: "strong" } | { type: "link"; attrs: { href: string } };

export function doc(...content: (AdfBlock | undefined | false)[]): AdfDocument {
  return { type: "doc", version: 1, content: content.filter(isPresent) };
}

export function paragraph(...content: (AdfInline | undefined | false)[]): AdfBlock {
  return { type: "paragraph", content: content.filter(isPresent).filter(nonEmpty) };
}

export function heading(text: string, level: 1 | 2 | 3 | 4 | 5 | 6 = 3): AdfBlock {
  return { type: "heading", attrs: { level }, content: [plain(text)].filter(nonEmpty) };
}

/** A code block capped at `maxChars`, saying how much was left out. */
export function codeBlock(
  text: string,
  options: { language?: string; maxChars: number },
): AdfBlock {
  const body = capText(text, options.maxChars);
  return {
    type: "codeBlock",
    ...(options.language ? { attrs: { language: options.language } } : {}),
    content: body.length > 0 ? [plain(body)] : [],
  };
}

/** Undefined for no items: Jira rejects an empty list. */
export function bulletList(items: AdfInline[][]): AdfBlock | undefined {
  if (items.length === 0) return undefined;
  return {
    type: "bulletList",
    content: items.map((inlines) => ({ type: "listItem", content: [paragraph(...inlines)] })),
  };
}

export function rule(): AdfBlock {
  return { type: "rule" };
}

export function plain(text: string): AdfText {
  return { type: "text", text };
}

export function strong(text: string): AdfText {
  return { type: "text", text, marks: [{ type: "strong" }] };
}

export function code(text: string): AdfText {
  return { type: "text", text, marks: [{ type: "code" }] };
}

export function link(text: string, href: string): AdfText {
  return { type: "text", text, marks: [{ type: "link", attrs: { href } }] };
}

function capText(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  return `${text.slice(0, maxChars)}\n… ${text.length - maxChars} more characters left out`;
}

/** What Jira counts against a field's 32,767-character limit, measured conservatively. */
export function adfSize(document: AdfDocument): number {
  return JSON.stringify(document).length;
}

function isPresent<T>(value: T | undefined | false): value is T {
  return value !== undefined && value !== false;
}

function nonEmpty(node: AdfInline): boolean {
  return node.type !== "text" || node.text.length > 0;
}
