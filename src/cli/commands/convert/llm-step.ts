import type { RetryNotice } from "../../../../tools/curl-to-test/llm/chat-completion-sender.ts";
import type { convertLlmStep } from "../../../../tools/curl-to-test/llm/convert-llm-step.ts";
import { ProgressBar } from "../../progress-bar.ts";
import { UsageError } from "../../usage-error.ts";

export type LlmStep = ReturnType<typeof convertLlmStep>;

export interface LoadedLlmStep {
  llm: LlmStep;
  /** Clears the model's progress bar, if one was drawn. */
  finishProgress: () => void;
}

/**
 * The model step, loaded only when a model is asked for: it is the heaviest part. Its settings
 * come from the environment; a bad one is bad usage.
 */
export async function loadLlmStep(dryRun: boolean): Promise<LoadedLlmStep> {
  const { convertLlmStep } = await import("../../../../tools/curl-to-test/llm/convert-llm-step.ts");
  const { LlmOptionsError } = await import("../../../../tools/curl-to-test/llm/llm-options.ts");
  let bar: ProgressBar | null = null;
  try {
    const llm = convertLlmStep({
      dryRun,
      onProgress: (progress) => {
        if (progress.retrying) {
          // A line of its own, on a terminal or not: a wait the user should know about.
          bar?.finish();
          console.error(retryLine(progress.retrying));
          return;
        }
        if (!process.stderr.isTTY) return;
        bar ??= new ProgressBar(process.stderr);
        bar.update("asking the model", progress.done, progress.total);
      },
    });
    return { llm, finishProgress: () => bar?.finish() };
  } catch (error) {
    if (error instanceof LlmOptionsError) throw new UsageError(error.message);
    throw error;
  }
}

/** e.g. `llm: gpt-4o-mini: rate limited (429); retry 1 of 2 in 1.5 s`. */
function retryLine(retry: RetryNotice): string {
  const seconds = (retry.delayMs / 1000).toFixed(1);
  return `llm: ${retry.model}: ${retry.reason}; retry ${retry.attempt} of ${retry.maxAttempts - 1} in ${seconds} s`;
}
