import { mkdir, writeFile } from "node:fs/promises";
import { basename, dirname, isAbsolute, join, normalize } from "node:path";
import type { CapturedRequest } from "../model/captured-request.ts";

/** Relative paths a request reads when it is sent; absolute ones are left absent. */
export function filesRead(request: CapturedRequest): string[] {
  const paths: string[] = (request.queryFiles ?? []).map((file) => file.path);
  if (request.body.kind === "file") paths.push(request.body.path);
  if (request.body.kind === "multipart") {
    for (const part of request.body.parts)
      if (part.filePath !== undefined) paths.push(part.filePath);
  }
  return paths.filter(isSafeRelativePath);
}

function isSafeRelativePath(path: string): boolean {
  return (
    path !== "" &&
    path !== "-" &&
    !isAbsolute(path) &&
    !path.startsWith("~") &&
    !normalize(path).startsWith("..")
  );
}

/**
 * The same made-up content for a path in every folder, with a CR LF and a LF in it so that
 * `-d @file` (which strips them) and `--data-binary @file` (which keeps them) differ.
 */
function fixtureFileContent(path: string): Buffer {
  return Buffer.from(`fidelity fixture ${basename(path)}\r\nsecond line\n`, "utf8");
}

export async function provideFiles(files: Set<string>, directories: string[]): Promise<void> {
  for (const file of files) {
    for (const directory of directories) {
      const target = join(directory, file);
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, fixtureFileContent(file));
    }
  }
}
