// Runs generated specs as Playwright projects against demo-platform services and keys each
// test's last status `project|file|title`, for the benches that compare projects with each other.
import { serviceNames } from "../../src/demo-platform/platform.ts";
import {
  runPlaywrightConfig,
  writePlaywrightConfig,
} from "../../tools/curl-to-test/testing/playwright-projects.ts";
import type { SpecProject } from "../../tools/curl-to-test/testing/playwright-projects.ts";

interface ProjectStatuses {
  statuses: Map<string, string>;
  /** Playwright's output, for a bench that prints it on request. */
  output: string;
}

/** Every service's token is `token`: the generated specs read it from `<SERVICE>_AUTHORIZATION_TOKEN`. */
export async function specProjectStatuses(options: {
  dir: string;
  projects: readonly SpecProject[];
  timeoutMs: number;
  token: string;
}): Promise<ProjectStatuses> {
  const { dir, projects, timeoutMs, token } = options;
  const config = await writePlaywrightConfig({ dir, projects, timeoutMs });
  const env = Object.fromEntries(
    serviceNames.map((service) => [`${service.toUpperCase()}_AUTHORIZATION_TOKEN`, token]),
  );
  // Failing tests are what the benches count; the statuses say which.
  const { tests, output } = await runPlaywrightConfig(config, env);
  const statuses = new Map(
    tests.map((test) => [`${test.project}|${test.file}|${test.title}`, test.status ?? ""]),
  );
  return { statuses, output };
}
