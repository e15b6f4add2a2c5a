import assert from "node:assert/strict";
import { mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import {
  hostileShopHar,
  shopSecrets,
} from "../../../tools/curl-to-test/fixtures/hostile-shop-capture.ts";
import { startShopServer } from "../../../tools/curl-to-test/fixtures/shop-server.ts";
import { repositoryWorkDir } from "../../../tools/curl-to-test/testing/repository-tools.ts";
import type { CommandResult } from "../../../test-support/run-command.ts";
import { runQaops } from "../../../test-support/run-qaops.ts";

/** `qaops <args>` as a user runs it, colours off. */
function qaops(args: string[], options: { cwd: string; stdin?: string }): Promise<CommandResult> {
  return runQaops(args, { ...options, env: { ...process.env, FORCE_COLOR: "0" } });
}

const pastedCurl = [
  "curl 'https://shop.example.com/v1/shops/7?x=1' \\",
  `  -H 'Authorization: Bearer ${shopSecrets.bearer}' --proxy http://proxy:3128`,
  "",
].join("\n");
const unterminated = "curl 'https://shop.example.com/v1/a' -H 'X-Broken: oops\n";

describe("qaops convert", () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), "qaops-convert-"));
    await writeFile(join(dir, "shop.har"), hostileShopHar());
    await writeFile(join(dir, "broken.sh"), unterminated);
  });
  after(() => rm(dir, { recursive: true, force: true }));

  async function outputs(run: CommandResult, outDir: string): Promise<string> {
    const files = await readdir(outDir).catch(() => []);
    const texts = await Promise.all(files.map((file) => readFile(join(outDir, file), "utf8")));
    return [run.stdout, run.stderr, ...texts].join("\n");
  }

  it("converts a HAR into the service folder, names the secrets, exits 0", async () => {
    const run = await qaops(["convert", "shop.har", "--service", "shop"], { cwd: dir });
    assert.equal(run.code, 0, run.stderr);
    const outDir = join(dir, "tests", "api", "shop");
    assert.deepEqual((await readdir(outDir)).sort(), [
      ".env.example",
      "create-order-flow.spec.ts",
      "get-shop-menus-flow.spec.ts",
      "get-shops.spec.ts",
      "login.spec.ts",
      "update-note.spec.ts",
    ]);
    assert.match(run.stdout, /^wrote tests\/api\/shop\/create-order-flow\.spec\.ts$/m);
    assert.match(
      run.stdout,
      /^8 request\(s\) → 5 spec\(s\), 6 test\(s\); 0 warning\(s\), 0 error\(s\), 4 secret\(s\) redacted$/m,
    );
    assert.match(
      run.stderr,
      /^redacted: Authorization header credential \(Bearer\) → env SHOP_AUTHORIZATION_TOKEN \(shop\.har:\d+:\d+, shop\.har:\d+:\d+\)$/m,
    );
    const everything = await outputs(run, outDir);
    for (const secret of Object.values(shopSecrets)) {
      assert.ok(!everything.includes(secret), "no secret in stdout, stderr or files");
    }
  });

  it("reads stdin, converts what it can, points at what it cannot, exits 1", async () => {
    const outDir = join(dir, "out-partial");
    const run = await qaops(["convert", "-", "broken.sh", "--service", "shop", "--out", outDir], {
      cwd: dir,
      stdin: pastedCurl,
    });
    assert.equal(run.code, 1);
    const lines = run.stderr.split("\n");
    const error = lines.findIndex((line) => line.startsWith("error: broken.sh:1:"));
    assert.ok(error >= 0, run.stderr);
    assert.match(lines[error]!, /^error: broken\.sh:1:\d+: .*quote/);
    assert.equal(lines[error + 1], `  ${unterminated.trimEnd()}`);
    assert.match(lines[error + 2]!, /^ +\^$/);
    assert.ok(
      lines.includes(
        "warning: -:1:1: --proxy: the request went through a proxy; the test connects to baseURL directly",
      ),
      run.stderr,
    );
    assert.match(run.stderr, /^error: 1 capture\(s\) could not be converted/m);
    const spec = await readFile(join(outDir, "get-shop.spec.ts"), "utf8");
    assert.match(spec, /\/\/ TODO\(qaops\): --proxy: the request went through a proxy/);
    assert.match(spec, /env\("SHOP_AUTHORIZATION_TOKEN"\)/);
    assert.ok(!(await outputs(run, outDir)).includes(shopSecrets.bearer));
  });

  it("--record replays the requests and asserts what the target answered", async () => {
    const server = await startShopServer({ contract: "kept" });
    try {
      const outDir = join(dir, "out-recorded");
      const paste = `curl 'https://shop.example.com/v1/login' -d 'user=kim&password=${encodeURIComponent(shopSecrets.formPassword)}'\n`;
      const run = await qaops(
        ["convert", "-", "--service", "shop", "--out", outDir, "--record", server.url],
        { cwd: dir, stdin: paste },
      );
      assert.equal(run.code, 0, run.stderr);
      assert.equal(server.requests.length, 3, "the capture replayed 3 times");
      for (const request of server.requests) {
        assert.equal(request.body.toString(), paste.slice(paste.indexOf("user="), -2));
      }
      const spec = await readFile(join(outDir, "login.spec.ts"), "utf8");
      assert.match(spec, /expect\(response\.status\(\)\)\.toBe\(200\);/);
      assert.match(spec, /z\.object\(\{ user: z\.string\(\), role: z\.string\(\) \}\)/);
      assert.match(spec, /toMatchObject\(\{ user: "kim", role: "member" \}\)/);
      assert.ok(!(await outputs(run, outDir)).includes(shopSecrets.formPassword));
    } finally {
      await server.close();
    }
  });

  it("--verify runs the written specs 3 times against the target and says which are stable", async () => {
    const server = await startShopServer({ contract: "kept" });
    try {
      // Inside the repository, where the specs resolve @playwright/test and zod.
      const outDir = repositoryWorkDir("convert-verify");
      const paste = `curl 'https://shop.example.com/v1/login' -d 'user=kim&password=${encodeURIComponent(shopSecrets.formPassword)}'\n`;
      const run = await qaops(
        ["convert", "-", "--service", "shop", "--out", outDir, "--verify", server.url],
        { cwd: dir, stdin: paste },
      );
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stdout, /^verify: 1 test\(s\), 3 run\(s\) each against /m);
      assert.match(run.stdout, /^ {2}stable {4}login\.spec\.ts › login — POST \/v1\/login → 200$/m);
      assert.equal(server.requests.length, 6, "3 replays, then 3 runs of the test");
      assert.ok(!(await outputs(run, outDir)).includes(shopSecrets.formPassword));
    } finally {
      await server.close();
      await rm(repositoryWorkDir("convert-verify"), { recursive: true, force: true });
    }
  });

  it("--verify exits 1 when a test fails every run, after writing everything", async () => {
    // The service keeps its contract for the 3 replays, then changes shop names to numbers.
    const server = await startShopServer({ contract: "kept", brokenAfter: 3 });
    try {
      const outDir = repositoryWorkDir("convert-verify-failing");
      const paste = "curl 'https://shop.example.com/v1/shops?region=seoul'\n";
      const run = await qaops(
        ["convert", "-", "--service", "shop", "--out", outDir, "--verify", server.url, "--load"],
        { cwd: dir, stdin: paste },
      );
      assert.equal(run.code, 1, run.stderr);
      assert.match(run.stdout, /^ {2}failing {3}get-shops\.spec\.ts › .*: passed 0 of 3 runs; /m);
      assert.match(
        run.stderr,
        /^error: 1 test\(s\) failed every --verify run \(see above\): the capture and the service disagree; the specs were written as they are$/m,
      );
      assert.deepEqual(await readdir(outDir), ["get-shops.spec.ts"]);
      assert.match(run.stdout, /^wrote .*get-shops\.spec\.ts$/m);
      const load = join(dir, "tests", "perf", "captured", "shop.ts");
      assert.match(run.stdout, /^wrote tests\/perf\/captured\/shop\.ts$/m);
      assert.match(await readFile(load, "utf8"), /\/v1\/shops/);
    } finally {
      await server.close();
      await rm(repositoryWorkDir("convert-verify-failing"), { recursive: true, force: true });
    }
  });

  it("exits 2 on bad usage, naming the option", async () => {
    const [badService, noService, twoStdins, badRecord, badVerify, badRuns] = await Promise.all([
      qaops(["convert", "shop.har", "--service", "Shop API"], { cwd: dir }),
      qaops(["convert", "shop.har"], { cwd: dir }),
      qaops(["convert", "-", "-", "--service", "shop"], { cwd: dir }),
      qaops(["convert", "shop.har", "--service", "shop", "--record", "ftp://x"], { cwd: dir }),
      qaops(["convert", "shop.har", "--service", "shop", "--verify", "localhost"], { cwd: dir }),
      qaops(["convert", "shop.har", "--service", "shop", "--verify-runs", "0"], { cwd: dir }),
    ]);
    assert.equal(badVerify.code, 2);
    assert.match(
      badVerify.stderr,
      /^error: --verify must be an http or https URL, got "localhost"$/m,
    );
    assert.equal(badRuns.code, 2);
    assert.match(badRuns.stderr, /^error: --verify-runs must be at least 1, got 0$/m);
    assert.equal(badRecord.code, 2);
    assert.match(
      badRecord.stderr,
      /^error: --record must be an http or https URL, got "ftp:\/\/x"$/m,
    );
    assert.equal(badService.code, 2);
    assert.match(badService.stderr, /^error: --service must be a lower-case name/m);
    assert.equal(noService.code, 2);
    assert.match(noService.stderr, /service/);
    assert.equal(twoStdins.code, 2);
    assert.match(twoStdins.stderr, /^error: <input> stdin \(-\) can be read only once/m);
  });

  it("teaches with examples in --help", async () => {
    const help = await qaops(["convert", "--help"], { cwd: dir });
    assert.equal(help.code, 0);
    assert.match(help.stdout, /qaops convert orders\.har --service order/);
    assert.match(help.stdout, /Exit codes: 0/);
  });
});
