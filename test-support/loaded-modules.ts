/**
 * Preloaded with `--import` into a process under test: when the process exits, prints to stderr
 * `loaded: <url>` for every file module it loaded, so a test can see what a command paid for.
 */
import { registerHooks } from "node:module";

const loaded = new Set<string>();

registerHooks({
  load(url, context, nextLoad) {
    if (url.startsWith("file:")) loaded.add(url);
    return nextLoad(url, context);
  },
});

process.on("exit", () => {
  for (const url of loaded) process.stderr.write(`loaded: ${url}\n`);
});
