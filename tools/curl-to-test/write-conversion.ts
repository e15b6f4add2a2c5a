import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { PlannedEnvVar } from "./plan/conversion-plan.ts";
import { mergeEnvExample } from "./render/env-example.ts";
import type { GeneratedSpec } from "./render/render-conversion.ts";

export interface WriteConversionOptions {
  outDir: string;
  specs: readonly GeneratedSpec[];
  envVars: readonly PlannedEnvVar[];
}

/**
 * Writes the specs into the output folder (replacing earlier generations of the same files)
 * and merges the env var names into its `.env.example`. Returns the paths written.
 */
export async function writeConversion(options: WriteConversionOptions): Promise<string[]> {
  await mkdir(options.outDir, { recursive: true });
  const written: string[] = [];
  for (const spec of options.specs) {
    const path = join(options.outDir, spec.fileName);
    await writeFile(path, spec.text);
    written.push(path);
  }
  if (options.envVars.length > 0) {
    const path = join(options.outDir, ".env.example");
    const existing = await readFile(path, "utf8").catch((error: NodeJS.ErrnoException) => {
      if (error.code === "ENOENT") return null;
      throw error;
    });
    const merged = mergeEnvExample(existing, options.envVars);
    if (merged !== existing) {
      await writeFile(path, merged);
      written.push(path);
    }
  }
  return written;
}
