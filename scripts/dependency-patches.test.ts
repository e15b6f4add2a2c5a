// The patches in patches/ fit what is installed: each names the exact version that package.json
// pins and node_modules holds, and curlconverter's entry, once patched, gives the parser that the
// converter imports. A version bump without a remade patch fails here as well as at setup.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { describe, it } from "node:test";
import * as curlconverter from "curlconverter";

const root = new URL("../", import.meta.url);
const PARSER_EXPORTS = [
  "parse",
  "buildRequests",
  "parseArgs",
  "curlLongOpts",
  "curlLongOptsShortened",
  "curlShortOpts",
  "Word",
];

interface PatchTarget {
  file: string;
  name: string;
  version: string;
}

/** patch-package's file names: `name+version.patch`, `@scope+name+version.patch`. */
function patchTargets(): PatchTarget[] {
  const files = readdirSync(new URL("patches/", root)).filter((file) => file.endsWith(".patch"));
  return files.map((file) => {
    const parts = file.slice(0, -".patch".length).split("+");
    const version = parts.pop() ?? "";
    return { file, name: parts.join("/"), version };
  });
}

function readJson(path: string): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(path, root), "utf8")) as Record<string, unknown>;
}

function pinnedVersion(name: string): unknown {
  const manifest = readJson("package.json") as Record<string, Record<string, string> | undefined>;
  return manifest.dependencies?.[name] ?? manifest.devDependencies?.[name];
}

describe("dependency patches", () => {
  it("are each made for the version pinned and installed", () => {
    const targets = patchTargets();
    assert.ok(
      targets.some((target) => target.name === "curlconverter"),
      "curlconverter's patch",
    );
    for (const { file, name, version } of targets) {
      assert.equal(pinnedVersion(name), version, `${file}: package.json pins ${name}`);
      const installed = readJson(`node_modules/${name}/package.json`).version;
      assert.equal(installed, version, `${file}: node_modules holds ${name}`);
    }
  });

  it("give curlconverter's parser through its entry", () => {
    const exported = Object.keys(curlconverter);
    const missing = PARSER_EXPORTS.filter((name) => !exported.includes(name));
    assert.deepEqual(missing, [], "not exported; run `npm run deps:patch`");
    const [request] = curlconverter.parse(["curl", "-H", "X-Trace: 1", "http://127.0.0.1/a"]);
    assert.equal(request?.urls[0]?.url.toString(), "http://127.0.0.1/a");
    assert.deepEqual(
      request?.headers.headers.map(([name, value]) => [name.toString(), value?.toString()]),
      [["X-Trace", "1"]],
    );
  });
});
