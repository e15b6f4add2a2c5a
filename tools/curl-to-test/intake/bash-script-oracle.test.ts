import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { curlconverterCorpusDir } from "../fixtures/curlconverter-corpus.ts";
import { readBashScript } from "./bash-script.ts";

// Real bash is the reference: it runs each script with `curl` defined as a function that
// prints its arguments, and the reader must produce the same argv.
const fixtures = fileURLToPath(new URL("../fixtures/captures/", import.meta.url));
const PRINT_ARGV = `curl() { for argument in "$@"; do printf '%s\\0' "$argument"; done; printf '\\1'; }`;

function bashArgv(path: string): string[][] {
  const run = spawnSync("bash", ["-c", `${PRINT_ARGV}\nsource "$1" < /dev/null`, "bash", path], {
    encoding: "utf8",
    timeout: 5000,
  });
  return run.stdout
    .split("\u0001")
    .slice(0, -1)
    .map((command) => command.split("\u0000").slice(0, -1));
}

/** Scripts whose commands bash would expand, pipe or redirect have no single argv to compare. */
function comparable(text: string): boolean {
  return !/[$`|<>]|--next/.test(text.replace(/\$'(?:[^'\\]|\\.)*'/g, ""));
}

function scripts(): string[] {
  const own = readdirSync(fixtures)
    .filter((name) => name.endsWith(".sh"))
    .map((name) => `${fixtures}${name}`);
  const corpus = readdirSync(curlconverterCorpusDir)
    .filter((name) => name.endsWith(".sh"))
    .map((name) => `${curlconverterCorpusDir}${name}`);
  return [...own, ...corpus].filter((path) => comparable(readFileSync(path, "utf8")));
}

describe("readBashScript against real bash", () => {
  const bashAvailable = spawnSync("bash", ["-c", "true"]).status === 0;

  it("splits every comparable fixture and corpus script into the argv bash gives curl", (context) => {
    if (!bashAvailable) {
      context.skip("bash is not installed");
      return;
    }
    const paths = scripts();
    assert.ok(paths.length >= 40, `only ${paths.length} comparable scripts`);
    for (const path of paths) {
      const text = readFileSync(path, "utf8");
      if (path.includes("broken-")) continue;
      const ours = readBashScript(text).commands.map((command) =>
        command.words.slice(1).map((word) => word.value),
      );
      assert.deepEqual(ours, bashArgv(path), path);
    }
  });
});
