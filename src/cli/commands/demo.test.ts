// `qaops demo` ends through the one exit path: bad usage exits 2, a failure to start exits 1,
// each with one `error:` line and no stack trace. Other commands never load the platform.
import assert from "node:assert/strict";
import { once } from "node:events";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { createServer } from "node:net";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { runQaops } from "../../../test-support/run-qaops.ts";

const demo = (args: string[]) =>
  runQaops(["demo", ...args], { cwd: tmpdir(), env: { PATH: process.env.PATH ?? "" } });

describe("qaops demo exits", () => {
  it("2 for a port out of range, naming the option", async () => {
    const result = await demo(["--port", "70000"]);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /^error: --port must be an integer from 0 to 65533, got 70000$/m);
    assert.match(result.stderr, /Run with --help for usage\./);
  });

  it("1 when its port is taken, with one error line and no stack trace", async () => {
    const taken = createServer();
    taken.listen(0, "127.0.0.1");
    await once(taken, "listening");
    try {
      const { port } = taken.address() as AddressInfo;
      const result = await demo(["--port", String(port), "--quiet"]);
      assert.equal(result.code, 1);
      assert.match(result.stderr, /^error: .*EADDRINUSE/m);
      assert.doesNotMatch(result.stderr, /^\s+at /m);
    } finally {
      taken.close();
    }
  });
});

describe("qaops without demo", () => {
  it("loads no module of the demo platform, e.g. for --help", async () => {
    const dir = await mkdtemp(join(tmpdir(), "qaops-modules-"));
    try {
      const listFile = join(dir, "loaded.txt");
      const hook = new URL("../../../test-support/loaded-modules.ts", import.meta.url);
      const result = await runQaops(["--help"], {
        cwd: dir,
        env: {
          PATH: process.env.PATH ?? "",
          NODE_OPTIONS: `--import=${hook.href}`,
          LOADED_MODULES_FILE: listFile,
        },
      });
      assert.equal(result.code, 0, result.stderr);
      const loaded = (await readFile(listFile, "utf8")).split("\n");
      assert.ok(
        loaded.some((url) => url.endsWith("/src/cli/commands/demo.ts")),
        "demo.ts is read",
      );
      assert.deepEqual(
        loaded.filter((url) => url.includes("/src/demo-platform/")),
        [],
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
