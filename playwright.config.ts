import { defineConfig } from "@playwright/test";
import {
  apiServiceFolders,
  baseUrlEnvName,
  baseUrlFor,
  demoPlatformNeeded,
  demoPort,
} from "./tests/api/support/service-urls.ts";

const apiTestsDir = "tests/api";
const services = apiServiceFolders(apiTestsDir).filter((service) => {
  if (baseUrlFor(service)) return true;
  console.warn(`warning: ${apiTestsDir}/${service} skipped: set ${baseUrlEnvName(service)}`);
  return false;
});

/**
 * One project per folder of tests/api/. Each service's baseURL comes from `<SERVICE>_BASE_URL`;
 * where a demo service's is unset, Playwright starts the demo platform and points it there.
 */
export default defineConfig({
  testDir: apiTestsDir,
  fullyParallel: true,
  forbidOnly: Boolean(process.env.CI),
  retries: process.env.CI ? 1 : 0,
  workers: 2,
  // In either order, the Slack summary links the Jira tickets; both stay inactive until their env
  // is set, and CI's sharded runs leave them to playwright.merge.config.ts.
  reporter: [
    ["list"],
    ["html", { open: "never" }],
    ["./src/reporters/jira.ts"],
    ["./src/reporters/slack.ts"],
  ],
  use: { trace: "retain-on-failure" },
  projects: services.map((service) => ({
    name: service,
    testDir: `${apiTestsDir}/${service}`,
    use: { baseURL: baseUrlFor(service) },
  })),
  ...(demoPlatformNeeded(services)
    ? {
        webServer: {
          command: `node bin/qaops.js demo --quiet --port ${demoPort}`,
          url: `http://127.0.0.1:${demoPort}/health`,
          reuseExistingServer: !process.env.CI,
          timeout: 30_000,
          gracefulShutdown: { signal: "SIGTERM", timeout: 5_000 },
        },
      }
    : {}),
});
