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
        if (!process.stderr.isTTY) return;
        bar ??= new ProgressBar(process.stderr);
        const label = progress.retrying
          ? `waiting ${Math.ceil(progress.retrying.delayMs / 1000)} s to retry: ${progress.retrying.reason}`
          : "asking the model";
        bar.update(label, progress.done, progress.total);
      },
    });
    return { llm, finishProgress: () => bar?.finish() };
  } catch (error) {
    if (error instanceof LlmOptionsError) throw new UsageError(error.message);
    throw error;
  }
}
