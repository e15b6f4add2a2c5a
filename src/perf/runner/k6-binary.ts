import { accessSync, constants } from "node:fs";
import { delimiter, join } from "node:path";

/** k6 is not on PATH nor where setup puts it; the message says how to install it. */
export class K6NotFoundError extends Error {
  override name = "K6NotFoundError";
}

export const k6InstallHelp = [
  "k6 (v1.0 or later) is not installed.",
  "Install it one of these ways, then run this again:",
  "  bash scripts/setup.sh                 builds the pinned k6 into .tools/bin (needs Go)",
  "  go install go.k6.io/k6@v1.8.1         puts k6 in $(go env GOPATH)/bin",
  "  brew install k6 | winget install k6   or see https://grafana.com/docs/k6/latest/set-up/install-k6/",
  "Or point K6_BINARY at a k6 executable.",
].join("\n");

export interface FindK6Options {
  env: NodeJS.ProcessEnv;
  /** The qaops checkout, whose `.tools/bin` setup fills. */
  packageRoot: string;
}

/** `K6_BINARY`, else `k6` on PATH, else `.tools/bin/k6`; throws K6NotFoundError otherwise. */
export function findK6(options: FindK6Options): string {
  const explicit = options.env.K6_BINARY;
  if (explicit) {
    if (isExecutable(explicit)) return explicit;
    throw new K6NotFoundError(`K6_BINARY is set to ${explicit}, which is not an executable file.`);
  }
  const candidates = [
    ...(options.env.PATH ?? "")
      .split(delimiter)
      .filter(Boolean)
      .map((dir) => join(dir, "k6")),
    join(options.packageRoot, ".tools", "bin", "k6"),
  ];
  const found = candidates.find(isExecutable);
  if (!found) throw new K6NotFoundError(k6InstallHelp);
  return found;
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
