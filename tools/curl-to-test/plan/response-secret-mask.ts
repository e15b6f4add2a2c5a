import type { CapturedRequest } from "../model/captured-request.ts";
import { jsonTextLeaves } from "./json-text-leaves.ts";
import type { DetectedSecrets } from "./secretlint-scan.ts";

/**
 * The requests with each response field secretlint recognised (a webhook URL, a cloud key)
 * replaced by `"{secret}"`, for what leaves the machine (`--llm` prompts). The name-based
 * finder's response secrets are removed where the prompt is built.
 */
export function withResponseSecretsMasked(
  requests: readonly CapturedRequest[],
  detected: DetectedSecrets,
): CapturedRequest[] {
  return requests.map((request) => {
    const text = request.response?.bodyText;
    if (!request.response || text === undefined) return request;
    const secretLeaves = (jsonTextLeaves(text) ?? []).filter(
      (leaf) => typeof leaf.value === "string" && detected.has(leaf.value),
    );
    if (secretLeaves.length === 0) return request;
    let masked = "";
    let position = 0;
    for (const leaf of secretLeaves) {
      masked += `${text.slice(position, leaf.start)}"{secret}"`;
      position = leaf.end;
    }
    masked += text.slice(position);
    return { ...request, response: { ...request.response, bodyText: masked } };
  });
}
