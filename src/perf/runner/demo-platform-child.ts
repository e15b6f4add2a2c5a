// Entry of the child process that `qaops perf` forks to serve the demo platform on free ports,
// so the platform has its own event loop and core, apart from the runner and the load generator.
import { serviceNames, startDemoPlatform } from "../../demo-platform/platform.ts";
import type { DemoPlatformUrls } from "./demo-platform-process.ts";

const platform = await startDemoPlatform({
  port: 0,
  apiToken: process.env.DEMO_API_TOKEN || "demo-token",
});
const urls = Object.fromEntries(
  serviceNames.map((name) => [name, platform.services[name].url]),
) as DemoPlatformUrls;
process.send?.({ urls });

let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  void platform.close().finally(() => process.disconnect?.());
};
process.once("SIGTERM", stop);
process.once("SIGINT", stop);
process.once("disconnect", stop);
