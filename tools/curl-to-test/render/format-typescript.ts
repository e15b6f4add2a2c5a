import { fileURLToPath } from "node:url";
import * as prettier from "prettier";

/** The project's Prettier options, found from this file the way `prettier --check` finds them. */
const projectOptions = prettier.resolveConfig(fileURLToPath(import.meta.url));

/** Generated code formatted exactly as the project's `prettier --check` expects it. */
export async function formatTypeScript(source: string, fileName: string): Promise<string> {
  const options = (await projectOptions) ?? {};
  return prettier.format(source, { ...options, parser: "typescript", filepath: fileName });
}
