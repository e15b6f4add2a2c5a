import path from "node:path";
import type { TestRecord } from "../../run-summary/run-summary.ts";
import type { AttachmentSpec } from "../jira-operations.ts";
import type { JiraPlanOptions } from "../jira-settings.ts";

/** The attachments named in the options, text capped; files are size-checked when sent. */
export function attachmentSpecs(test: TestRecord, options: JiraPlanOptions): AttachmentSpec[] {
  const specs: AttachmentSpec[] = [];
  for (const attachment of test.attachments) {
    if (!options.attachments.includes(attachment.name)) continue;
    if (attachment.text !== undefined) {
      specs.push({
        filename: path.extname(attachment.name) ? attachment.name : `${attachment.name}.txt`,
        contentType: attachment.contentType,
        text: capped(attachment.text, options.maxAttachmentBytes),
      });
    } else if (attachment.path) {
      // Named after the attachment, not the file: merge-reports renames files to hashes.
      specs.push({
        filename: path.extname(attachment.name)
          ? attachment.name
          : `${attachment.name}${path.extname(attachment.path)}`,
        contentType: attachment.contentType,
        path: attachment.path,
      });
    }
  }
  return specs;
}

function capped(text: string, limit: number): string {
  return text.length > limit ? `${text.slice(0, limit)}\n… cut at ${limit} characters` : text;
}
