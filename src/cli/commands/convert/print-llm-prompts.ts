import { diagnosticLines, failureLines } from "../../convert-messages.ts";
import type { ConvertOptions } from "./convert-options.ts";
import { loadLlmStep } from "./llm-step.ts";
import { readCaptures } from "./read-captures.ts";
import { runConversion } from "./run-conversion.ts";

/** `--llm-dry-run`: plans as `--llm` would and prints the prompts; sends and writes nothing. */
export async function printLlmPrompts(options: ConvertOptions): Promise<void> {
  const model = await loadLlmStep(true);
  const read = await readCaptures(options.input);
  const result = await runConversion(options, read.inputs, model);
  for (const line of [...read.failures.flatMap(failureLines), ...diagnosticLines(result)]) {
    console.error(line);
  }
  for (const line of await model.llm.reportLines()) console.log(line);
  const failed = read.failures.length + result.failures.length;
  if (failed > 0) throw new Error(`${failed} capture(s) could not be converted (see above)`);
}
