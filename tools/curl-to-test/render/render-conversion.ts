import type { ConversionPlan } from "../plan/conversion-plan.ts";
import { formatTypeScript } from "./format-typescript.ts";
import { renderSpec } from "./render-spec.ts";

export interface GeneratedSpec {
  /** File name inside the output folder, e.g. `get-orders-by-id.spec.ts`. */
  fileName: string;
  /** Prettier-formatted TypeScript. */
  text: string;
}

/** Every spec of the plan, rendered and formatted; `onSpec` counts progress. */
export async function renderConversion(
  plan: ConversionPlan,
  onSpec: (done: number, total: number) => void = () => {},
): Promise<GeneratedSpec[]> {
  const specs: GeneratedSpec[] = [];
  for (const spec of plan.specs) {
    specs.push({
      fileName: spec.fileName,
      text: await formatTypeScript(renderSpec(spec), spec.fileName),
    });
    onSpec(specs.length, plan.specs.length);
  }
  return specs;
}
