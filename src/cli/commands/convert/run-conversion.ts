import type {
  CaptureInput,
  ConversionProgress,
  ConversionResult,
} from "../../../../tools/curl-to-test/convert-captures.ts";
import { ProgressBar } from "../../progress-bar.ts";
import type { ConvertOptions } from "./convert-options.ts";
import type { LoadedLlmStep } from "./llm-step.ts";

/** Inputs at least this large (total bytes) show a progress bar on a terminal. */
const progressMinBytes = 256 * 1024;

const progressLabels: Record<ConversionProgress["stage"], string> = {
  read: "reading captures",
  record: "recording responses",
  plan: "planning tests",
  render: "writing specs",
};

/**
 * Parses, (re)plays and plans the captures, with a progress bar on a terminal when the work is
 * long enough to want one; writes nothing.
 */
export async function runConversion(
  options: ConvertOptions,
  inputs: CaptureInput[],
  model: LoadedLlmStep | null,
): Promise<ConversionResult> {
  // Loaded here, not at start: the parsers are heavy and other commands never need them.
  const { convertCaptures } = await import("../../../../tools/curl-to-test/convert-captures.ts");
  const { captureReplayer } =
    await import("../../../../tools/curl-to-test/record/replay-capture.ts");
  const totalBytes = inputs.reduce((sum, input) => sum + input.text.length, 0);
  const replayTarget = options.record ?? options.verify;
  const bar =
    process.stderr.isTTY && (totalBytes >= progressMinBytes || replayTarget !== undefined)
      ? new ProgressBar(process.stderr)
      : null;
  const result = await convertCaptures({
    inputs,
    service: options.service,
    ...(options.keepHeaders ? { keepHeaders: options.keepHeaders } : {}),
    ...(replayTarget
      ? {
          recordResponses: captureReplayer({
            target: replayTarget,
            ...(bar
              ? { onProgress: (done, total) => bar.update(progressLabels.record, done, total) }
              : {}),
          }),
        }
      : {}),
    ...(bar
      ? {
          onProgress: (progress: ConversionProgress) =>
            bar.update(progressLabels[progress.stage], progress.done, progress.total),
        }
      : {}),
    ...(model ? { refinePlan: model.llm.refinePlan } : {}),
  });
  bar?.finish();
  model?.finishProgress();
  return result;
}
