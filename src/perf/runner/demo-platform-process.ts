import { fork } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { ServiceName } from "../../demo-platform/platform.ts";

export type DemoPlatformUrls = Record<ServiceName, string>;

export interface DemoPlatformProcess {
  urls: DemoPlatformUrls;
  stop(): Promise<void>;
}

const childEntry = fileURLToPath(new URL("./demo-platform-child.ts", import.meta.url));
const startTimeoutMs = 30_000;
const stopTimeoutMs = 5_000;

/** The demo platform in a child process on free loopback ports; resolves once it listens. */
export function startDemoPlatformProcess(env: NodeJS.ProcessEnv): Promise<DemoPlatformProcess> {
  const child = fork(childEntry, [], { env, stdio: ["ignore", "inherit", "inherit", "ipc"] });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`the demo platform did not start within ${startTimeoutMs / 1000}s`));
    }, startTimeoutMs);
    child.once("message", (message: { urls?: DemoPlatformUrls }) => {
      clearTimeout(timer);
      if (!message.urls) {
        reject(new Error("the demo platform process sent no URLs"));
        return;
      }
      resolve({ urls: message.urls, stop: () => stopChild(child) });
    });
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      reject(
        new Error(`the demo platform exited before it was ready (${signal ?? `code ${code}`})`),
      );
    });
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), stopTimeoutMs);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill("SIGTERM");
  });
}
