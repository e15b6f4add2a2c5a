import type { AdfBlock, AdfDocument, AdfInline } from "./adf.ts";

/**
 * Jira Data Center's REST v2 takes wiki markup, not ADF; tickets are built once, as ADF, and
 * rendered here for v2.
 */
export function adfToWikiMarkup(document: AdfDocument): string {
  return document.content.map((block) => blockToWiki(block)).join("\n\n");
}

function blockToWiki(block: AdfBlock, listDepth = 0): string {
  switch (block.type) {
    case "paragraph":
      return block.content.map(inlineToWiki).join("");
    case "heading":
      return `h${block.attrs.level}. ${block.content.map(inlineToWiki).join("")}`;
    case "codeBlock":
      // {noformat} shows the text exactly, with no language needed and no markup inside.
      return `{noformat}\n${block.content.map((text) => text.text).join("")}\n{noformat}`;
    case "bulletList":
      return block.content
        .map(
          (item) =>
            `${"*".repeat(listDepth + 1)} ${item.content.map((inner) => blockToWiki(inner, listDepth + 1)).join(" ")}`,
        )
        .join("\n");
    case "rule":
      return "----";
  }
}

function inlineToWiki(node: AdfInline): string {
  if (node.type === "hardBreak") return "\n";
  const marks = node.marks ?? [];
  const href = marks.find((mark) => mark.type === "link");
  if (href?.type === "link")
    return `[${escapeWiki(node.text).replaceAll("|", "\\|")}|${href.attrs.href}]`;
  if (marks.some((mark) => mark.type === "code"))
    return `{{${node.text.replace(/[{}]/g, "\\$&")}}}`;
  if (marks.some((mark) => mark.type === "strong")) return `*${escapeWiki(node.text)}*`;
  return escapeWiki(node.text);
}

function escapeWiki(text: string): string {
  return text.replace(/[{}[\]]/g, "\\$&");
}
