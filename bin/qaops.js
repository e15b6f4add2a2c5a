#!/usr/bin/env node
// Entry for `npx qaops`. The CLI is TypeScript run by Node's type stripping (Node >= 22.18).
// An older system Node (npx itself runs fine on it) hands over to the Node that
// scripts/setup.sh installed under .tools/, so `npx qaops` works right after setup.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const entry = fileURLToPath(new URL("../src/cli/main.ts", import.meta.url));
const [major = 0, minor = 0] = process.versions.node.split(".").map(Number);
const supported = major > 22 || (major === 22 && minor >= 18);

if (supported) {
  await import(entry);
} else {
  const arch = process.arch === "arm64" ? "arm64" : "x64";
  const bundled = fileURLToPath(
    new URL(`../.tools/node/node_modules/node-linux-${arch}/bin/node`, import.meta.url),
  );
  if (!existsSync(bundled)) {
    console.error(
      `error: qaops needs Node >= 22.18 (this is ${process.version}). Run \`bash scripts/setup.sh\` once; it installs Node 24 under .tools/.`,
    );
    process.exit(2);
  }
  const child = spawn(bundled, [entry, ...process.argv.slice(2)], { stdio: "inherit" });
  for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
  child.on("exit", (code, signal) => {
    if (signal) process.kill(process.pid, signal);
    else process.exit(code ?? 1);
  });
}
