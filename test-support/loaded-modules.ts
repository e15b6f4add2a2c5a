/**
 * Preloaded with `--import` into a process under test: when the process exits, writes the URL of
 * every file module it loaded, one a line, to the file named by `LOADED_MODULES_FILE`, so a test
 * can see what a command paid for. A file, not stderr: a pipe may drop what is written as the
 * process exits.
 */
import { writeFileSync } from "node:fs";
import { registerHooks } from "node:module";

const loaded = new Set<string>();
const listFile = process.env.LOADED_MODULES_FILE;

registerHooks({
  load(url, context, nextLoad) {
    if (url.startsWith("file:")) loaded.add(url);
    return nextLoad(url, context);
  },
});

process.on("exit", () => {
  if (listFile) writeFileSync(listFile, [...loaded].map((url) => `${url}\n`).join(""));
});
