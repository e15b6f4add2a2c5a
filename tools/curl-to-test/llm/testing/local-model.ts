/**
 * Where the setup put the small local model (scripts/lib/local-model.sh), and whether it can
 * run here: the file is there with the checksum committed beside that script, and
 * node-llama-cpp's prebuilt CPU binary loads. Tests and the evaluation skip the real model,
 * saying why, only when one of those fails.
 */
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { repositoryRoot } from "../../testing/repository-tools.ts";

const localModelName = "SmolLM2-135M-Instruct.Q4_1.gguf";
export const localModelPath = join(repositoryRoot, ".tools", "models", localModelName);
const checksums = join(repositoryRoot, "scripts", "lib", "local-model.sha256");
const fetchCommand = "bash scripts/lib/local-model.sh";

/** Why the local model cannot run here, or null when it can. */
export async function localModelUnavailable(): Promise<string | null> {
  const expected = (await readFile(checksums, "utf8"))
    .split("\n")
    .map((line) => line.trim().split(/\s+/))
    .find(([, name]) => name === localModelName)?.[0];
  let actual: string;
  try {
    actual = await sha256Of(localModelPath);
  } catch {
    return `the local model is not installed (${fetchCommand} fetches it into .tools/models)`;
  }
  if (actual !== expected) {
    return `${localModelPath} does not match scripts/lib/local-model.sha256 (${fetchCommand} fetches it again)`;
  }
  try {
    const { getLlama } = await import("node-llama-cpp");
    const llama = await getLlama({ gpu: false, build: "never" });
    await llama.dispose();
  } catch (error) {
    return `node-llama-cpp has no prebuilt binary that loads on this machine (${error instanceof Error ? error.message.split("\n")[0] : String(error)})`;
  }
  return null;
}

function sha256Of(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash("sha256");
    createReadStream(path)
      .on("data", (chunk) => hash.update(chunk))
      .on("end", () => resolve(hash.digest("hex")))
      .on("error", reject);
  });
}
