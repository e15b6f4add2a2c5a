// bash reads the pasted script; each curl call is recorded with its arguments and stdin.
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { readShellCurlInvocations } from "./shell-curl-invocations.ts";

async function read(scriptText: string) {
  const directory = await mkdtemp(join(tmpdir(), "qaops-shell-test-"));
  try {
    return await readShellCurlInvocations({
      scriptText,
      workDirectory: directory,
      callsDirectory: join(directory, "..", `${directory.split("/").at(-1) ?? ""}-calls`),
      timeoutMs: 5_000,
    });
  } finally {
    await rm(directory, { recursive: true, force: true });
    await rm(`${directory}-calls`, { recursive: true, force: true });
  }
}

describe("readShellCurlInvocations", () => {
  it("records arguments after bash quoting and $'…' escapes", async () => {
    const reading = await read(
      '# comment\ncurl \'http://h/a b\' \\\n  -H "X: \\"q\\"" --data-binary $\'a\\r\\n\\u00e9\' -d "$HOME"\n',
    );
    assert.equal(reading.invocations.length, 1);
    const [call] = reading.invocations;
    assert.equal(call?.line, 2);
    assert.deepEqual(call?.args.slice(0, 5), [
      "http://h/a b",
      "-H",
      'X: "q"',
      "--data-binary",
      "a\r\né",
    ]);
  });

  it("does not run a command that reads a variable the script does not set", async () => {
    const reading = await read('curl h -H "Authorization: Bearer $API_TOKEN"\ncurl h2\n');
    assert.deepEqual(
      reading.invocations.map((call) => call.args),
      [["h2"]],
    );
    assert.match(reading.stderr, /API_TOKEN: unbound variable/);
  });

  it("records stdin from heredocs and pipes, and sends nothing itself", async () => {
    const reading = await read(
      "curl -d @- h <<EOF\nline\nEOF\necho piped | curl -T - h2\ncurl h3\n",
    );
    assert.deepEqual(
      reading.invocations.map((call) => [call.args.at(-1), call.stdin.toString()]),
      [
        ["h", "line\n"],
        ["h2", "piped\n"],
        ["h3", ""],
      ],
    );
  });

  it("reports bash's errors, such as a missing redirect file", async () => {
    const reading = await read("curl -d @- h < absent.json\n");
    assert.equal(reading.invocations.length, 0);
    assert.match(reading.stderr, /absent\.json: No such file or directory/);
  });
});

describe("readShellCurlInvocations with history characters", () => {
  it("keeps ! in double quotes as written", async () => {
    const reading = await read('curl h -d "wow!! such!data"\n');
    assert.deepEqual(reading.invocations[0]?.args, ["h", "-d", "wow!! such!data"]);
    assert.equal(reading.stderr.trim(), "");
  });
});
