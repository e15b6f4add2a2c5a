import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { installedPackages, licenceOffences } from "./installed-licences.ts";

const project = mkdtempSync(join(tmpdir(), "qaops-licences-"));
after(() => rmSync(project, { recursive: true, force: true }));

function install(path: string, manifest: object, files: string[] = []): void {
  const dir = join(project, "node_modules", path);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "package.json"), JSON.stringify({ version: "1.0.0", ...manifest }));
  for (const file of files) writeFileSync(join(dir, file), "text");
}

install("plain-mit", { name: "plain-mit", license: "MIT" });
install("copyleft-network", { name: "copyleft-network", license: "AGPL-3.0-only" });
install("either", { name: "either", license: "(MIT OR AGPL-3.0)" });
install("both", { name: "both", license: "MIT AND SSPL-1.0" });
install("old-style", { name: "old-style", licenses: [{ type: "BUSL-1.1" }] });
install("silent", { name: "silent" });
install("silent-with-file", { name: "silent-with-file" }, ["LICENSE.md"]);
install("@scope/object", { name: "@scope/object", license: { type: "Apache-2.0" } });
install("plain-mit/node_modules/nested-private", { name: "nested-private", license: "UNLICENSED" });

describe("the licences of installed packages", () => {
  it("reads every package, scoped and nested ones included", () => {
    assert.deepEqual(
      installedPackages(project)
        .map((pkg) => pkg.name)
        .sort(),
      [
        "@scope/object",
        "both",
        "copyleft-network",
        "either",
        "nested-private",
        "old-style",
        "plain-mit",
        "silent",
        "silent-with-file",
      ],
    );
  });

  it("names each package under AGPL, SSPL, BUSL, a refusal or no licence, with the reason", () => {
    const offences = licenceOffences(installedPackages(project)).map(
      ({ pkg, reason }) => `${pkg.name} (${pkg.path}): ${reason}`,
    );
    assert.deepEqual(offences.sort(), [
      "both (node_modules/both): licence MIT AND SSPL-1.0 is not allowed",
      "copyleft-network (node_modules/copyleft-network): licence AGPL-3.0-only is not allowed",
      "nested-private (node_modules/plain-mit/node_modules/nested-private): licence UNLICENSED is not allowed",
      "old-style (node_modules/old-style): licence (BUSL-1.1) is not allowed",
      "silent (node_modules/silent): no licence declared and no licence file",
    ]);
  });
});
