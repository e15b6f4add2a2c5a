// Every command's --help states all its exit codes, and its prose wraps as whole paragraphs:
// no sentence broken by a hard line break into a line of its own. Every option it lists is
// documented in the README and the command's own docs page.
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { describe, it } from "node:test";
import type { CommandResult } from "../../test-support/run-command.ts";
import { runQaops } from "../../test-support/run-qaops.ts";
import { repositoryRoot } from "../../tools/curl-to-test/testing/repository-tools.ts";

const exitCodes: Record<string, RegExp> = {
  demo: /Exit codes: 0 stopped by Ctrl-C or SIGTERM; 1 it could not start \(a port taken\); 2 bad usage\./,
  convert:
    /Exit codes: 0 everything converted; 1 some input could not be converted, or a test failed every --verify run \(everything else was written\); 2 bad usage\./,
  perf: /Exit code: 0 passed, 1 an objective not met \(or another Artillery error\), 2 bad usage, 3 the load generator could not keep the planned arrivals\./,
  record:
    /Exit codes: 0 the recording stopped \(Ctrl-C, the browser closed\); with a command, the command's own; with --convert, convert's when it fails \(a failing command's wins\); 1 the recording could not start; 2 bad usage\./,
  report:
    /Exit codes: 0 nothing left \(or --dry-run\); 1 some records are still waiting; 2 bad usage\./,
};

/** The docs page of each command, beside the README. */
const docsPages: Record<string, string> = {
  convert: "docs/convert.md",
  perf: "docs/perf.md",
  record: "docs/record.md",
  report: "docs/reporters.md",
};

const helps = new Map<string, Promise<CommandResult>>();

/** `qaops <command> --help`, run once per command for all the tests that read it. */
function help(command: string): Promise<CommandResult> {
  let result = helps.get(command);
  if (!result) {
    result = runQaops([command, "--help"], {
      cwd: tmpdir(),
      env: { PATH: process.env.PATH ?? "" },
    });
    helps.set(command, result);
  }
  return result;
}

/** `--name` of each option in a help text, but yargs' own. */
function optionsListed(helpText: string): string[] {
  const names = [...helpText.matchAll(/^ {2}(?:-\w, )? *(--[a-z][a-z-]*)/gm)].map(
    (match) => match[1]!,
  );
  return names.filter((name) => name !== "--help" && name !== "--version");
}

describe("qaops <command> --help", () => {
  for (const [command, said] of Object.entries(exitCodes)) {
    it(`${command}: says every exit code, in whole paragraphs`, async () => {
      const result = await help(command);
      assert.equal(result.code, 0, result.stderr);
      assert.match(result.stdout.replace(/\s+/g, " "), said);
      assert.doesNotMatch(result.stdout, /^\S+,$/m, "a line holding one word and a comma");
    });
  }

  for (const command of Object.keys(exitCodes)) {
    it(`${command}: every option it lists is in the README and its docs page`, async () => {
      const listed = optionsListed((await help(command)).stdout);
      assert.ok(listed.length > 0, "the help lists options");
      for (const page of ["README.md", docsPages[command]].filter((page) => page !== undefined)) {
        const text = await readFile(`${repositoryRoot}/${page}`, "utf8");
        const missing = listed.filter((name) => !new RegExp(`${name}(?![a-z-])`).test(text));
        assert.deepEqual(missing, [], `${page} documents every option of ${command}`);
      }
    });
  }
});
