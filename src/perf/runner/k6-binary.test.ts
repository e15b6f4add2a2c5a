import assert from "node:assert/strict";
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { findK6, K6NotFoundError } from "./k6-binary.ts";

const root = mkdtempSync(join(tmpdir(), "qaops-k6-binary-"));
after(() => rmSync(root, { recursive: true, force: true }));

function executable(path: string): string {
  mkdirSync(join(path, ".."), { recursive: true });
  writeFileSync(path, "#!/bin/sh\n");
  chmodSync(path, 0o755);
  return path;
}

describe("findK6", () => {
  const onPath = executable(join(root, "path-bin", "k6"));
  const bundled = executable(join(root, "checkout", ".tools", "bin", "k6"));
  const packageRoot = join(root, "checkout");

  it("prefers K6_BINARY, then PATH, then the checkout's .tools/bin", () => {
    const explicit = executable(join(root, "custom", "k6-custom"));
    assert.equal(
      findK6({ env: { K6_BINARY: explicit, PATH: join(root, "path-bin") }, packageRoot }),
      explicit,
    );
    assert.equal(findK6({ env: { PATH: join(root, "path-bin") }, packageRoot }), onPath);
    assert.equal(findK6({ env: { PATH: join(root, "empty") }, packageRoot }), bundled);
  });

  it("explains how to install k6 when there is none", () => {
    assert.throws(
      () => findK6({ env: { PATH: join(root, "empty") }, packageRoot: join(root, "nowhere") }),
      (error: unknown) =>
        error instanceof K6NotFoundError &&
        error.message.includes("go install go.k6.io/k6@v1.8.1") &&
        error.message.includes("scripts/setup.sh"),
    );
  });

  it("names a K6_BINARY that is not executable", () => {
    const notExecutable = join(root, "plain-file");
    writeFileSync(notExecutable, "");
    assert.throws(
      () => findK6({ env: { K6_BINARY: notExecutable }, packageRoot }),
      /K6_BINARY is set to .*plain-file/,
    );
  });
});
