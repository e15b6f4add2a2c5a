// Every command's --help states all its exit codes, and its prose wraps as whole paragraphs:
// no sentence broken by a hard line break into a line of its own.
import assert from "node:assert/strict";
import { tmpdir } from "node:os";
import { describe, it } from "node:test";
import { runQaops } from "../../test-support/run-qaops.ts";

const exitCodes: Record<string, RegExp> = {
  demo: /Exit codes: 0 stopped by Ctrl-C or SIGTERM; 1 it could not start \(a port taken\); 2 bad usage\./,
  convert:
    /Exit codes: 0 everything converted; 1 some input could not be converted, or a test failed every --verify run \(everything else was written\); 2 bad usage\./,
  perf: /Exit code: 0 passed, 1 an objective not met \(or another Artillery error\), 2 bad usage, 3 the load generator could not keep the planned arrivals\./,
  record:
    /Exit codes: 0 the recording stopped \(Ctrl-C, the browser closed\); with a command, the command's own; with --convert, convert's when it fails \(a failing command's wins\); 1 the recording could not start; 2 bad usage\./,
  report: /Exit codes: 0 nothing left; 1 some records are still waiting; 2 bad usage\./,
};

describe("qaops <command> --help", () => {
  for (const [command, said] of Object.entries(exitCodes)) {
    it(`${command}: says every exit code, in whole paragraphs`, async () => {
      const help = await runQaops([command, "--help"], {
        cwd: tmpdir(),
        env: { PATH: process.env.PATH ?? "" },
      });
      assert.equal(help.code, 0, help.stderr);
      assert.match(help.stdout.replace(/\s+/g, " "), said);
      assert.doesNotMatch(help.stdout, /^\S+,$/m, "a line holding one word and a comma");
    });
  }
});
