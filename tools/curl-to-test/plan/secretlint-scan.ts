/**
 * Runs secretlint's recommended rules (Slack webhooks and tokens, cloud keys, private keys,
 * basic auth and database URLs, GitHub/npm/OpenAI tokens, …) over captured values. The
 * structural finder knows where secrets sit by name; this knows what secrets look like
 * wherever they sit, e.g. a webhook URL in a JSON field named `alertWebhookUrl`.
 */
import { lintSource } from "@secretlint/core";
import { creator as recommendedRules } from "@secretlint/secretlint-rule-preset-recommend";

export interface DetectedSecret {
  /** Offsets in the scanned text, end exclusive. */
  start: number;
  end: number;
  /** The rule's message id, e.g. `IncomingWebhook`, `AWSAccessKeyID`. */
  kind: string;
}

/** Each scanned text → the secrets found in it (texts without any are absent). */
export type DetectedSecrets = ReadonlyMap<string, readonly DetectedSecret[]>;

export const noDetectedSecrets: DetectedSecrets = new Map();

const separator = "\n\n";

/**
 * One secretlint run over every distinct text, joined by blank lines; each hit is mapped back
 * to the texts it covers. secretlint obeys `secretlint-disable` comments in what it reads, so
 * a captured value could switch it off for the others: that word is blanked first.
 */
export async function scanWithSecretlint(texts: Iterable<string>): Promise<DetectedSecrets> {
  const distinct = [...new Set(texts)].filter((text) => text.length >= 8);
  if (distinct.length === 0) return noDetectedSecrets;
  const starts: number[] = [];
  let offset = 0;
  for (const text of distinct) {
    starts.push(offset);
    offset += text.length + separator.length;
  }
  const content = distinct
    .join(separator)
    .replace(/secretlint/gi, (word) => "_".repeat(word.length));
  const result = await lintSource({
    source: { filePath: "capture.txt", content, ext: ".txt", contentType: "text" },
    options: {
      config: {
        rules: [{ id: "@secretlint/secretlint-rule-preset-recommend", rule: recommendedRules }],
      },
      maskSecrets: true,
      noPhysicFilePath: true,
    },
  });
  const found = new Map<string, DetectedSecret[]>();
  for (const message of result.messages) {
    const [from, to] = message.range;
    distinct.forEach((text, index) => {
      const start = Math.max(from - starts[index]!, 0);
      const end = Math.min(to - starts[index]!, text.length);
      if (start >= end) return;
      const list = found.get(text) ?? [];
      list.push({ start, end, kind: message.messageId });
      found.set(text, list);
    });
  }
  return found;
}
