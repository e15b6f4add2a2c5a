import type { CapturedRequest, CapturedResponse } from "../model/captured-request.ts";
import type { PlanNote } from "./plan-note.ts";

/**
 * The responses of a step's replays that can stand beside the capture's: those with the
 * captured status. A replay that got another status is said in a TODO naming the step, and is
 * never turned into what the test expects: the capture is the contract, the replay is evidence
 * of what varies.
 */
export function replayedSamples(
  group: readonly { request: Pick<CapturedRequest, "replays"> }[],
  capturedStatus: number | undefined,
): { samples: CapturedResponse[]; notes: (step: string) => PlanNote[] } {
  const replays = group.flatMap((item) => item.request.replays ?? []);
  if (capturedStatus === undefined) return { samples: [], notes: () => [] };
  const samples = replays.filter((response) => response.status === capturedStatus);
  const others = [...new Set(replays.map((response) => response.status))].filter(
    (status) => status !== capturedStatus,
  );
  return {
    samples,
    notes: (step) =>
      others.length === 0
        ? []
        : [
            {
              code: "replay-status-differs",
              message: `replaying the capture, step ${step} got ${others.join(", ")} in ${replays.length - samples.length} of ${replays.length} runs, not the captured status: the test keeps the captured one; check what this step depends on`,
            },
          ],
  };
}

/** `the captured response and 2 replays`: what an invariant held on, in words. */
export function evidenceText(captured: number, replays: number): string {
  const capture = captured === 1 ? "the captured response" : `${captured} captured responses`;
  if (replays === 0) return capture;
  return `${capture} and ${replays} replay${replays === 1 ? "" : "s"}`;
}
