/**
 * The few Block Kit blocks the run summary uses, and Slack's limits on them. A message over any
 * limit is refused whole (`invalid_blocks`), so the builder never produces one.
 */
export const blockKitLimits = {
  blocksPerMessage: 50,
  sectionText: 3_000,
  headerText: 150,
  fieldsPerSection: 10,
  fieldText: 2_000,
  contextElements: 10,
  contextText: 3_000,
  /** The notification text; Slack truncates longer ones. */
  messageText: 40_000,
} as const;

export interface MrkdwnText {
  type: "mrkdwn";
  text: string;
}

export interface PlainText {
  type: "plain_text";
  text: string;
  emoji?: boolean;
}

export type Block =
  | { type: "header"; text: PlainText }
  | { type: "section"; text: MrkdwnText }
  | { type: "section"; fields: MrkdwnText[] }
  | { type: "context"; elements: MrkdwnText[] }
  | { type: "divider" };

/** One incoming-webhook message. `text` is the notification and the fallback for old clients. */
export interface SlackMessage {
  text: string;
  blocks: Block[];
}

/** Slack's mrkdwn treats `&`, `<` and `>` as control characters. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** `<url|label>`; the label is escaped, the URL must not contain `|` or `>`. */
export function mrkdwnLink(url: string, label: string): string {
  return `<${url.replace(/[|>]/g, encodeURIComponent)}|${escapeMrkdwn(label)}>`;
}

export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
