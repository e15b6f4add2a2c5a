import { jiraError } from "./fake-jira-http.ts";

// The rules of the real REST APIs that the fake holds every request to.

const textLimit = 32_767;
const propertyLimit = 32_768;
const tooLong = "The entered text is too long. It exceeds the allowed limit of 32,767 characters.";

/** Why a rich-text value is not what this API version takes; undefined when it is. */
export function richTextProblem(value: unknown, version: 2 | 3): string | undefined {
  if (version === 2) {
    if (typeof value !== "string") return "Operation value must be a string";
    return value.length > textLimit ? tooLong : undefined;
  }
  if (typeof value === "string" || typeof value !== "object" || value === null) {
    return "Operation value must be an Atlassian Document (see the Atlassian Document Format)";
  }
  if (JSON.stringify(value).length > textLimit) return tooLong;
  const problem = adfProblem(value, "doc");
  return problem ? `INVALID_INPUT: ${problem}` : undefined;
}

export function checkRichText(field: string, value: unknown, version: 2 | 3): void {
  const problem = richTextProblem(value, version);
  if (problem) throw jiraError(400, undefined, { [field]: problem });
}

export function checkPropertySize(body: Buffer): void {
  if (body.length > propertyLimit) {
    throw jiraError(400, "The property value is too long. It must be at most 32768 bytes.");
  }
}

/** What Jira says of a summary it refuses; undefined when it takes it. */
export function summaryProblem(summary: unknown): string | undefined {
  if (typeof summary !== "string" || summary.trim() === "")
    return "You must specify a summary of the issue.";
  if (summary.length > 255) return "Summary must be less than 255 characters.";
  if (/[\r\n]/.test(summary)) return "Summary cannot contain newlines.";
  return undefined;
}

/** What Jira says of labels it refuses; undefined when it takes them. */
export function labelsProblem(labels: unknown): string | undefined {
  if (!isStringList(labels)) return "Labels must be a list of strings.";
  if (labels.some((label) => label.length > 255))
    return "The label must not exceed 255 characters.";
  const spaced = labels.find((label) => /\s/.test(label));
  return spaced === undefined
    ? undefined
    : `The label '${spaced}' contains spaces which is invalid.`;
}

export function isStringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === "string");
}

const blockNodes = new Set([
  "paragraph",
  "heading",
  "codeBlock",
  "bulletList",
  "orderedList",
  "blockquote",
  "rule",
  "panel",
]);
const marks = new Set(["code", "strong", "em", "link", "strike", "underline"]);

interface AdfNode {
  type?: unknown;
  content?: unknown;
  text?: unknown;
  version?: unknown;
  marks?: unknown;
}

function adfProblem(
  node: unknown,
  expected: "doc" | "block" | "inline" | "listItem",
): string | undefined {
  if (typeof node !== "object" || node === null) return "a node is not an object";
  const { type, content, version } = node as AdfNode;
  if (expected === "doc") {
    if (type !== "doc" || version !== 1 || !Array.isArray(content))
      return "the root must be {type: doc, version: 1, content: []}";
    return childrenProblem(content, "block");
  }
  if (expected === "listItem") {
    if (type !== "listItem" || !Array.isArray(content) || content.length === 0)
      return "a list holds listItem nodes with content";
    return childrenProblem(content, "block");
  }
  if (expected === "block") return blockProblem(node);
  return inlineProblem(node);
}

function blockProblem({ type, content }: AdfNode): string | undefined {
  if (typeof type !== "string" || !blockNodes.has(type))
    return `'${String(type)}' is not a block node`;
  if (type === "rule") return undefined;
  if (!Array.isArray(content)) return `${type} needs content`;
  if (type === "bulletList" || type === "orderedList") {
    if (content.length === 0) return "a list needs at least one item";
    return childrenProblem(content, "listItem");
  }
  return childrenProblem(content, "inline");
}

function inlineProblem({ type, text, marks: nodeMarks }: AdfNode): string | undefined {
  if (type === "hardBreak") return undefined;
  if (type !== "text") return `'${String(type)}' is not an inline node`;
  if (typeof text !== "string" || text.length === 0) return "text nodes must have non-empty text";
  if (nodeMarks === undefined) return undefined;
  if (!Array.isArray(nodeMarks)) return "marks must be a list";
  for (const mark of nodeMarks as { type?: unknown; attrs?: { href?: unknown } }[]) {
    if (typeof mark.type !== "string" || !marks.has(mark.type))
      return `unknown mark '${String(mark.type)}'`;
    if (mark.type === "link" && typeof mark.attrs?.href !== "string")
      return "a link mark needs attrs.href";
  }
  return undefined;
}

function childrenProblem(
  content: unknown[],
  expected: "block" | "inline" | "listItem",
): string | undefined {
  return content.map((child) => adfProblem(child, expected)).find(Boolean);
}
