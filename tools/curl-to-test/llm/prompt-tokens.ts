/**
 * Counts the tokens of a prompt with the o200k_base encoding (GPT-4o, GPT-4.1, o-series, GPT-5),
 * for `--llm-dry-run` and for the fake server's usage figures. The strict JSON schema of the
 * answer is counted too, since the endpoint bills it as prompt text. Other models tokenise
 * differently: for them it is an estimate.
 */
import type * as O200kBase from "gpt-tokenizer/encoding/o200k_base";
import type { ChatMessage } from "./refinement-prompt.ts";
import { planRefinementResponseFormat } from "./refinement-schema.ts";

/** Loaded on first use: the encoding's tables take a moment to load and most runs never count. */
let encoding: Promise<typeof O200kBase> | undefined;

export async function countPromptTokens(messages: readonly ChatMessage[]): Promise<number> {
  encoding ??= import("gpt-tokenizer/encoding/o200k_base");
  const { countTokens } = await encoding;
  const schema = JSON.stringify(planRefinementResponseFormat.json_schema.schema ?? {});
  // Chat framing: about 4 tokens around each message and 3 to prime the answer.
  const framing = 4 * messages.length + 3;
  const text = messages.reduce((sum, message) => sum + countTokens(message.content), 0);
  return text + framing + countTokens(schema);
}

export async function countTextTokens(text: string): Promise<number> {
  encoding ??= import("gpt-tokenizer/encoding/o200k_base");
  const { countTokens } = await encoding;
  return countTokens(text);
}
