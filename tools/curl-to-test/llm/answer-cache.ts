/**
 * Answers kept on disk, one file per prompt, keyed by a hash of (model, prompt, plan and
 * refinement schema versions): a re-run with the same capture sends nothing. Only answers that
 * matched the refinement schema are kept. An unreadable or damaged entry counts as a miss.
 */
import { createHash } from "node:crypto";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { conversionPlanVersion } from "../plan/conversion-plan.ts";
import type { ChatMessage } from "./refinement-prompt.ts";
import { refinementSchemaVersion } from "./refinement-schema.ts";

export interface CachedAnswer {
  content: string;
  promptTokens: number;
  completionTokens: number;
}

export class AnswerCache {
  readonly #dir: string;

  constructor(dir: string) {
    this.#dir = dir;
  }

  static key(model: string, messages: readonly ChatMessage[]): string {
    return createHash("sha256")
      .update(
        JSON.stringify({
          model,
          messages,
          planVersion: conversionPlanVersion,
          refinementVersion: refinementSchemaVersion,
        }),
      )
      .digest("hex");
  }

  async get(key: string): Promise<CachedAnswer | null> {
    let text: string;
    try {
      text = await readFile(this.#path(key), "utf8");
    } catch {
      return null;
    }
    try {
      const entry = JSON.parse(text) as Partial<CachedAnswer>;
      if (
        typeof entry.content !== "string" ||
        typeof entry.promptTokens !== "number" ||
        typeof entry.completionTokens !== "number"
      ) {
        return null;
      }
      return {
        content: entry.content,
        promptTokens: entry.promptTokens,
        completionTokens: entry.completionTokens,
      };
    } catch {
      return null;
    }
  }

  /** Written to a temporary file and renamed, so a reader never sees half an entry. */
  async set(key: string, answer: CachedAnswer): Promise<void> {
    await mkdir(this.#dir, { recursive: true });
    const path = this.#path(key);
    const temporary = `${path}.${process.pid}.tmp`;
    await writeFile(temporary, `${JSON.stringify(answer, null, 2)}\n`, { mode: 0o600 });
    await rename(temporary, path);
  }

  #path(key: string): string {
    return join(this.#dir, `${key}.json`);
  }
}
