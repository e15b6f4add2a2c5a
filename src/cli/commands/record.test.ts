// `qaops record` as users run it: the CA command, recording a command's traffic (Node fetch,
// undici's EnvHttpProxyAgent and curl, HTTPS trusted through NODE_EXTRA_CA_CERTS) with its exit
// code passed on, and Ctrl-C or a kill mid-recording leaving a valid HAR of every completed
// exchange.
import assert from "node:assert/strict";
import { mkdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { ProxyAgent, fetch as undiciFetch } from "undici";
import { repositoryWorkDir } from "../../../tools/curl-to-test/testing/repository-tools.ts";
import { startEchoServers } from "../../../test-support/record/echo-servers.ts";
import type { EchoServers } from "../../../test-support/record/echo-servers.ts";
import { startQaops } from "../../../test-support/record/qaops-process.ts";
import { runQaops } from "../../../test-support/run-qaops.ts";

// Inside the repository so the recorded script resolves undici from its node_modules.
const workDir = repositoryWorkDir("record-cli");
const secretToken = "recorded-secret-token-9f8e7d";

const clientScript = `
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { EnvHttpProxyAgent, fetch as undiciFetch } from "undici";
const run = promisify(execFile);
const [httpUrl, httpsUrl] = process.argv.slice(2);
const viaFetch = await fetch(httpsUrl + "/echo?client=fetch", {
  headers: { authorization: "Bearer ${secretToken}" },
});
const viaUndici = await undiciFetch(httpsUrl + "/echo?client=undici", {
  dispatcher: new EnvHttpProxyAgent(),
  method: "POST",
  body: "n=1",
});
await run("curl", ["-sS", "--cacert", process.env.NODE_EXTRA_CA_CERTS, httpsUrl + "/echo?client=curl"]);
await run("curl", ["-sS", httpUrl + "/echo?client=curl-http"]);
console.log("statuses", viaFetch.status, viaUndici.status);
process.exit(3);
`;

interface Har {
  log: { entries: { request: { method: string; url: string }; response: { status: number } }[] };
}

describe("qaops record", () => {
  let servers: EchoServers;
  let env: NodeJS.ProcessEnv;
  const caPath = join(workDir, "config", "qaops", "ca", "qaops-ca.pem");

  before(async () => {
    servers = await startEchoServers();
    await rm(workDir, { recursive: true, force: true });
    await mkdir(workDir, { recursive: true });
    await writeFile(join(workDir, "upstream.pem"), servers.cert);
    await writeFile(join(workDir, "client.mjs"), clientScript);
    env = {
      PATH: process.env.PATH,
      XDG_CONFIG_HOME: join(workDir, "config"),
      // The recorded servers' own certificate, trusted by the proxy for its upstream side.
      NODE_EXTRA_CA_CERTS: join(workDir, "upstream.pem"),
    };
  });

  after(async () => {
    await servers.close();
    await rm(workDir, { recursive: true, force: true });
  });

  it("`record ca` makes the CA once, key owner-only, and says how to trust it", async () => {
    const first = await runQaops(["record", "ca"], { cwd: workDir, env });
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /made just now/);
    for (const topic of [
      "NODE_EXTRA_CA_CERTS",
      "Firefox",
      "Android",
      "iOS",
      "update-ca-certificates",
    ]) {
      assert.ok(first.stdout.includes(topic), `explains ${topic}`);
    }
    assert.ok(first.stdout.includes(caPath));
    assert.equal((await stat(caPath.replace(/\.pem$/, ".key"))).mode & 0o777, 0o600);
    const again = await runQaops(["record", "ca"], { cwd: workDir, env });
    assert.doesNotMatch(again.stdout, /made just now/);
    const fingerprint = (text: string) => /SHA-256: +(\S+)/.exec(text)?.[1];
    assert.equal(fingerprint(again.stdout), fingerprint(first.stdout));
  });

  it("records what a command sends, writes a redacted copy, and exits with its exit code", async () => {
    const result = await runQaops(
      [
        "record",
        "--port",
        "0",
        "--out",
        "command.har",
        "--redact",
        "--service",
        "shop",
        "--",
        process.execPath,
        "client.mjs",
        servers.httpUrl,
        servers.httpsUrl,
      ],
      { cwd: workDir, env },
    );
    assert.equal(result.code, 3, result.stderr);
    assert.match(result.stdout, /statuses 200 200/);
    assert.match(result.stderr, /command\.har is the raw capture/);
    assert.match(result.stderr, /recorded 4 exchange\(s\) from 2 host\(s\) → command\.har/);
    assert.ok(
      !`${result.stdout}${result.stderr}`.includes(secretToken),
      "no captured secret printed",
    );
    const har = JSON.parse(await readFile(join(workDir, "command.har"), "utf8")) as Har;
    assert.deepEqual(
      har.log.entries.map((entry) => `${entry.request.method} ${entry.request.url}`),
      [
        `GET ${servers.httpsUrl}/echo?client=fetch`,
        `POST ${servers.httpsUrl}/echo?client=undici`,
        `GET ${servers.httpsUrl}/echo?client=curl`,
        `GET ${servers.httpUrl}/echo?client=curl-http`,
      ],
    );
    assert.equal((await stat(join(workDir, "command.har"))).mode & 0o777, 0o600);
    assert.ok((await readFile(join(workDir, "command.har"), "utf8")).includes(secretToken));
    const redacted = await readFile(join(workDir, "command.redacted.har"), "utf8");
    assert.ok(!redacted.includes(secretToken), "the shared copy holds no captured token");
    assert.ok(redacted.includes("Bearer ${SHOP_AUTHORIZATION_TOKEN}"));
    assert.match(result.stderr, /wrote command\.redacted\.har: \d+ secret value\(s\) replaced/);
  });

  it("exits 127 when the command does not exist", async () => {
    const result = await runQaops(
      ["record", "--port", "0", "--out", "none.har", "--", "qaops-no-such-command"],
      { cwd: workDir, env },
    );
    assert.equal(result.code, 127);
    assert.match(result.stderr, /error: cannot run "qaops-no-such-command": command not found/);
  });

  for (const signal of ["SIGINT", "SIGKILL"] as const) {
    it(`leaves a valid HAR of every completed exchange when ${signal} ends it mid-recording`, async () => {
      const harName = `${signal}.har`;
      const recording = startQaops(["record", "--port", "0", "--out", harName], {
        cwd: workDir,
        env,
      });
      const [, proxyUrl = ""] = await recording.stderrMatch(
        /recording through (http:\/\/127\.0\.0\.1:\d+)/,
      );
      const dispatcher = new ProxyAgent({
        uri: proxyUrl,
        requestTls: { ca: await readFile(caPath) },
      });
      for (const url of [
        `${servers.httpsUrl}/echo?n=1`,
        `${servers.httpUrl}/echo?n=2`,
        `${servers.httpsUrl}/missing`,
      ]) {
        await (await undiciFetch(url, { dispatcher })).arrayBuffer();
      }
      // Still waiting for its response when the recording ends: not a completed exchange.
      const inFlight = undiciFetch(`${servers.httpsUrl}/slow`, { dispatcher })
        .then((response) => response.text())
        .catch(() => "");
      await entriesWritten(join(workDir, harName), 3);
      recording.child.kill(signal);
      const ended = await recording.ended;
      await inFlight;
      await dispatcher.close();
      if (signal === "SIGINT") {
        assert.equal(ended.code, 0, ended.stderr);
        assert.match(ended.stderr, /recorded 3 exchange\(s\)/);
      } else {
        assert.equal(ended.signal, "SIGKILL");
      }
      const har = JSON.parse(await readFile(join(workDir, harName), "utf8")) as Har;
      assert.deepEqual(
        har.log.entries.map((entry) => entry.response.status),
        [200, 200, 404],
      );
    });
  }
});

/**
 * Waits (bounded) until the HAR holds `count` entries: the proxy writes each after its response.
 * A read racing the proxy's write may see it half done; that read is simply tried again.
 */
async function entriesWritten(path: string, count: number): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const text = await readFile(path, "utf8").catch(() => "");
    if (entryCount(text) >= count) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${path} never held ${count} entries`);
}

function entryCount(text: string): number {
  try {
    return (JSON.parse(text) as Har).log.entries.length;
  } catch {
    return 0;
  }
}
