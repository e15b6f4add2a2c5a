// One capture, two tests: the load scenario written from a capture type-checks and lints as a
// scenario of tests/perf, runs in real Artillery against loopback servers and sends what the
// capture sent (secrets from the environment, flow values from the responses, bodies from files).
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { convertCaptures } from "./convert-captures.ts";
import type { ConversionResult } from "./convert-captures.ts";
import {
  capturedBodies,
  hostileShopHar,
  menuId,
  noteHeader,
  orderId,
  shopSecrets,
} from "./fixtures/hostile-shop-capture.ts";
import { boundaryOf, parseMultipartBody } from "./fidelity/multipart-body.ts";
import { startRecordingServer } from "./fidelity/recording-server.ts";
import type { RecordingServer } from "./fidelity/recording-server.ts";
import { runLoadScenario } from "./fixtures/load-run.ts";
import { startShopServer } from "./fixtures/shop-server.ts";
import type { RecordedRequest, ShopServer } from "./fixtures/shop-server.ts";
import { lint, repositoryWorkDir, typeCheck } from "./testing/repository-tools.ts";
import { writeLoadScenario } from "./write-load-scenario.ts";

// Inside the repository, as generated scenarios are: their imports reach tests/perf/lib.
const workDir = repositoryWorkDir("load-scenario");

after(() => rm(workDir, { recursive: true, force: true }));

function header(request: RecordedRequest, name: string): string[] {
  return request.headers.filter(([key]) => key.toLowerCase() === name).map(([, value]) => value);
}

describe("writeLoadScenario on the hostile shop capture", () => {
  let result: ConversionResult;
  let server: ShopServer;
  const scriptPath = join(workDir, "shop", "shop.ts");

  before(async () => {
    await rm(join(workDir, "shop"), { recursive: true, force: true });
    await mkdir(join(workDir, "shop"), { recursive: true });
    result = await convertCaptures({
      inputs: [{ name: "shop.har", text: hostileShopHar() }],
      service: "shop",
    });
    server = await startShopServer({ contract: "kept" });
  });
  after(async () => {
    await server.close();
    await rm(join(workDir, "shop"), { recursive: true, force: true });
  });

  it("writes a scenario with no secret value, its lib imports relative to where it is", async () => {
    const written = await writeLoadScenario({
      plan: result.plan,
      path: scriptPath,
      capturedSecrets: result.capturedSecrets,
    });
    assert.deepEqual(written, { written: scriptPath, warnings: [] });
    const text = await readFile(scriptPath, "utf8");
    for (const secret of Object.values(shopSecrets)) {
      assert.ok(!text.includes(secret), "a secret in the scenario");
      assert.ok(!text.includes(encodeURIComponent(secret)), "an encoded secret in the scenario");
    }
    assert.match(text, /from "\.\.\/\.\.\/\.\.\/\.\.\/tests\/perf\/lib\/captured-traffic\.ts";/);
    assert.match(text, /scenario: "captured\/shop"/);
  });

  it("type-checks and lints clean as a scenario of tests/perf, and runs in Artillery sending the capture", async () => {
    const [typeCheckRun, lintRun, loadRun] = await Promise.all([
      typeCheck(join(workDir, "shop"), ["*.ts"]),
      lint([scriptPath]),
      runLoadScenario(scriptPath, {
        ...Object.fromEntries(result.capturedSecrets),
        SHOP_BASE_URL: server.url,
      }),
    ]);
    assert.equal(typeCheckRun.code, 0, typeCheckRun.output);
    assert.equal(lintRun.code, 0, lintRun.output);
    assert.equal(loadRun.result.exitCode, 0, loadRun.output);

    const summary = loadRun.result.summary;
    assert.equal(summary?.scenario, "captured/shop");
    assert.equal(summary?.profile, "steady");
    assert.deepEqual(
      summary?.objectives.filter((o) => !o.name.endsWith(" p95")).map((o) => [o.name, o.ok]),
      [
        ["failed requests", true],
        ["expected status", true],
      ],
    );
    assert.ok(
      summary?.objectives.some((o) => o.name === "create-order p95" && o.limit === 10000),
      JSON.stringify(summary?.objectives),
    );
    assert.equal(summary?.saturation, undefined);

    const sent = (method: string, prefix: string) =>
      server.requests.filter((r) => r.method === method && r.url.startsWith(prefix));
    const creates = sent("POST", "/v1/orders");
    assert.ok(creates.length >= 2, `${creates.length} virtual users`);
    // Every request of every virtual user, flows complete: as many reads as creates.
    assert.equal(sent("GET", `/v1/orders/${orderId}?`).length, creates.length);
    assert.equal(sent("GET", `/v1/menus/${menuId}`).length, creates.length);
    assert.equal(sent("GET", "/v1/shops?region=").length, 2 * creates.length);
    for (const create of creates) {
      assert.equal(create.body.toString("utf8"), capturedBodies.createOrder);
      assert.deepEqual(header(create, "authorization"), [`Bearer ${shopSecrets.bearer}`]);
      assert.deepEqual(header(create, "x-note"), [noteHeader]);
      assert.deepEqual(header(create, "content-type"), ["application/json"]);
    }
    assert.deepEqual(
      [...new Set(sent("GET", `/v1/orders/${orderId}`).map((r) => r.url))],
      [`/v1/orders/${orderId}?expand=items&q=a%20b+c`],
    );
    for (const note of sent("PUT", "/v1/notes/42")) {
      assert.equal(note.body.toString("utf8"), capturedBodies.note);
    }
    for (const login of sent("POST", "/v1/login")) {
      assert.equal(login.body.toString("utf8"), capturedBodies.login);
    }
    for (const list of sent("GET", "/v1/shops?region=")) {
      assert.deepEqual(header(list, "x-api-key"), [shopSecrets.apiKey]);
    }
  });

  it("stops before any load, naming every unset variable", async () => {
    const before = server.requests.length;
    const secrets = Object.fromEntries([...result.capturedSecrets].map(([name]) => [name, ""]));
    const run = runLoadScenario(scriptPath, { ...secrets, SHOP_BASE_URL: "" });
    await assert.rejects(
      run,
      /set SHOP_BASE_URL, SHOP_AUTHORIZATION_TOKEN, SHOP_BODY_PASSWORD, SHOP_X_API_KEY, SHOP_FORM_PASSWORD to run/,
    );
    assert.equal(server.requests.length, before);
  });

  it("refuses to write a scenario that would hold a captured secret", async () => {
    const [name, value] = [...result.capturedSecrets][0] ?? ["", ""];
    const leakyPlan = JSON.parse(
      JSON.stringify(result.plan).replaceAll(
        JSON.stringify({ kind: "env", name, encoding: "none" }),
        JSON.stringify({ kind: "literal", text: value }),
      ),
    ) as typeof result.plan;
    const path = join(workDir, "shop", "leaky.ts");
    const written = await writeLoadScenario({
      plan: leakyPlan,
      path,
      capturedSecrets: result.capturedSecrets,
    });
    assert.equal(written.written, null);
    assert.equal(
      written.failure?.message,
      `the load scenario would hold the value of ${name}; not written`,
    );
    assert.equal(existsSync(path), false);
  });
});

describe("writeLoadScenario on bodies from files and forms", () => {
  const dir = join(workDir, "bodies");
  // Bytes that are not UTF-8, and text that curl's --data-urlencode must escape.
  const scan = Buffer.from([0x25, 0x50, 0x44, 0x46, 0x00, 0xff, 0xfe, 0x0d, 0x0a, 0x80]);
  const query = "kimchi & rice (100%)!\n";
  let server: RecordingServer;

  before(async () => {
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir, { recursive: true });
    // The scenario reads files from the folder qaops perf runs in; the capture named them from its own.
    await writeFile(join(dir, "scan.pdf"), scan);
    await writeFile(join(dir, "order.json"), '{"shopId":7}\r\n');
    await writeFile(join(dir, "query.txt"), query);
    server = await startRecordingServer();
  });
  after(async () => {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("sends forms as multipart in the captured order, files as read, each TODO also a warning", async () => {
    const capture = [
      "curl 'https://shop.example.com/v1/receipts' -F 'orderId=ord-1' -F 'meta={\"a\":1};type=application/json'",
      "curl 'https://shop.example.com/v1/scans' -F 'orderId=ord-1' -F 'scan=@scan.pdf;type=application/pdf'",
      "curl 'https://shop.example.com/v1/raw' --data-binary @order.json",
      "curl 'https://shop.example.com/v1/search' --data-urlencode 'q@query.txt'",
      "",
    ].join("\n");
    const result = await convertCaptures({
      inputs: [{ name: "bodies.sh", text: capture }],
      service: "shop",
      filesDirectory: dir,
    });
    const scriptPath = join(dir, "bodies.ts");
    const written = await writeLoadScenario({
      plan: result.plan,
      path: scriptPath,
      capturedSecrets: new Map(),
    });
    assert.deepEqual(
      written.warnings.map((warning) => {
        assert.equal(warning.code, "load-file-per-worker");
        assert.deepEqual(warning.location, { file: scriptPath, line: 0, column: 0 });
        return warning.message.replace(/: (\S+) is read once .*/, " $1");
      }),
      [
        "create scan — POST /v1/scans scan.pdf",
        "raw — POST /v1/raw order.json",
        "search — POST /v1/search query.txt",
      ],
    );
    const text = await readFile(scriptPath, "utf8");
    assert.equal(text.match(/\/\/ TODO\(qaops\): \S+ is read once per worker/g)?.length, 3);

    // typeCheck writes the folder's tsconfig, which eslint's typed rules then find.
    const typeCheckRun = await typeCheck(dir, ["*.ts"]);
    assert.equal(typeCheckRun.code, 0, typeCheckRun.output);
    const [lintRun, loadRun] = await Promise.all([
      lint([scriptPath]),
      runLoadScenario(scriptPath, { SHOP_BASE_URL: server.url }, dir),
    ]);
    assert.equal(lintRun.code, 0, lintRun.output);
    assert.equal(loadRun.result.exitCode, 0, loadRun.output);
    const first = (target: string) => firstRequest(server, target);
    const parts = (target: string) => sentParts(server, target);
    assert.deepEqual(parts("/v1/receipts"), [
      { name: "orderId", filename: undefined, contentType: undefined, bytes: "ord-1" },
      { name: "meta", filename: undefined, contentType: "application/json", bytes: '{"a":1}' },
    ]);
    // Parts in the captured order, files included.
    assert.deepEqual(parts("/v1/scans"), [
      { name: "orderId", filename: undefined, contentType: undefined, bytes: "ord-1" },
      {
        name: "scan",
        filename: "scan.pdf",
        contentType: "application/pdf",
        bytes: scan.toString("latin1"),
      },
    ]);
    assert.deepEqual(first("/v1/raw").body, Buffer.from('{"shopId":7}\r\n'));
    assert.equal(
      first("/v1/search").body.toString("latin1"),
      // As curl sends it: a space as "+".
      "q=kimchi+%26+rice+%28100%25%29%21%0A",
    );
  });
});

function firstRequest(server: RecordingServer, target: string) {
  const found = server.requests.find((request) => request.target === target);
  assert.ok(found, `${target} reached the server`);
  return found;
}

/** The multipart parts the first request to `target` sent, bytes as latin1 text. */
function sentParts(server: RecordingServer, target: string) {
  const request = firstRequest(server, target);
  const type = request.headers.find((h) => h.name.toLowerCase() === "content-type")?.value;
  const boundary = boundaryOf(type ?? "");
  assert.ok(boundary, `${target}: a multipart content type, got ${type}`);
  return parseMultipartBody(request.body, boundary)?.map((part) => ({
    name: part.name,
    filename: part.filename,
    contentType: part.contentType,
    bytes: part.bytes.toString("latin1"),
  }));
}
