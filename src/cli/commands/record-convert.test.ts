// A journey against the demo platform, recorded with `qaops record --convert -- <script>`,
// becomes specs that pass in the real Playwright runner against a freshly started demo platform,
// as `playwright test --project order` runs them; the noise the script also sent (a static file,
// a CORS preflight) is recorded but never becomes a test.
import assert from "node:assert/strict";
import { mkdir, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { startDemoPlatform } from "../../demo-platform/platform.ts";
import type { DemoPlatform } from "../../demo-platform/platform.ts";
import {
  runPlaywrightConfig,
  writePlaywrightConfig,
} from "../../../tools/curl-to-test/testing/playwright-projects.ts";
import { repositoryWorkDir } from "../../../tools/curl-to-test/testing/repository-tools.ts";
import { runQaops } from "../../../test-support/run-qaops.ts";

const workDir = repositoryWorkDir("record-convert");
const token = "record-journey-token";

const journeyScript = `
const [base, token] = process.argv.slice(2);
const headers = { authorization: "Bearer " + token, "content-type": "application/json" };
const placed = await fetch(base + "/v1/orders", {
  method: "POST",
  headers,
  body: JSON.stringify({ memberId: 42, shopId: 1, items: [{ menuItemId: 1, quantity: 2 }] }),
});
if (placed.status !== 201) throw new Error("order not placed: " + placed.status);
const order = await placed.json();
await (await fetch(base + "/v1/orders/" + order.id, { headers })).text();
await (await fetch(base + "/v1/shops/2/menu", { headers })).text();
await (await fetch(base + "/favicon.ico")).text();
await (await fetch(base + "/v1/orders", {
  method: "OPTIONS",
  headers: { origin: "http://app.test", "access-control-request-method": "POST" },
})).text();
`;

describe("qaops record --convert", () => {
  let platform: DemoPlatform;
  let fresh: DemoPlatform;

  before(async () => {
    platform = await startDemoPlatform({ port: 0, apiToken: token });
    fresh = await startDemoPlatform({ port: 0, apiToken: token });
    await rm(workDir, { recursive: true, force: true });
    await mkdir(workDir, { recursive: true });
    await writeFile(join(workDir, "journey.mjs"), journeyScript);
  });

  after(async () => {
    await platform.close();
    await fresh.close();
    await rm(workDir, { recursive: true, force: true });
  });

  it("turns a recorded journey into specs that pass against the demo platform", async () => {
    const base = platform.services.order.url;
    const recorded = await runQaops(
      [
        "record",
        "--port",
        "0",
        "--out",
        "journey.har",
        "--convert",
        "--service",
        "order",
        "--convert-out",
        "order",
        "--",
        process.execPath,
        "journey.mjs",
        base,
        token,
      ],
      {
        cwd: workDir,
        env: { PATH: process.env.PATH, XDG_CONFIG_HOME: join(workDir, "config") },
        timeoutMs: 120_000,
      },
    );
    assert.equal(recorded.code, 0, recorded.stdout + recorded.stderr);
    assert.match(recorded.stderr, /recorded 5 exchange\(s\) from 1 host\(s\) \(2 noise/);
    assert.match(recorded.stderr, /skipped: journey\.har: 1 static asset skipped/);
    assert.match(recorded.stderr, /skipped: journey\.har: 1 CORS preflight skipped/);
    assert.match(recorded.stdout, /3 request\(s\) → \d+ spec\(s\)/);
    assert.ok(!recorded.stdout.includes(token) && !recorded.stderr.includes(token));

    const specs = (await readdir(join(workDir, "order"))).filter((name) => name.endsWith(".ts"));
    assert.ok(specs.length > 0, "specs were written");
    const envNames = (await readFile(join(workDir, "order", ".env.example"), "utf8"))
      .split("\n")
      .flatMap((line) => /^([A-Z][A-Z0-9_]*)=/.exec(line)?.[1] ?? []);
    assert.deepEqual(envNames, ["ORDER_AUTHORIZATION_TOKEN"]);

    const config = await writePlaywrightConfig({
      dir: workDir,
      projects: [{ name: "order", testDir: "order", baseURL: fresh.services.order.url }],
    });
    const run = await runPlaywrightConfig(config, { ORDER_AUTHORIZATION_TOKEN: token });
    assert.equal(run.code, 0, run.output);
    // The order placed and read back (one flow) and the menu.
    assert.ok(run.tests.length >= 2, `ran ${run.tests.length} test(s)`);
    assert.deepEqual(
      run.tests.filter((test) => test.status !== "passed"),
      [],
      run.output,
    );
  });
});
