import type { PlannedEnvVar } from "../plan/conversion-plan.ts";
import { commentText } from "./literal.ts";

const header = [
  "# Secrets the generated tests in this folder read from the environment.",
  "# Set each before running them; never commit their values.",
];

/**
 * `.env.example` listing every env var the specs read, merged into an existing file: its lines
 * stay as they are (a value someone wrote there is kept, not echoed anywhere else), and each
 * new name is appended with an empty value and a comment saying what it stands for.
 */
export function mergeEnvExample(
  existing: string | null,
  envVars: readonly PlannedEnvVar[],
): string {
  const lines = existing === null ? [...header] : existing.replace(/\n$/, "").split("\n");
  const known = new Set(
    lines.flatMap((line) => {
      const match = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=/.exec(line);
      return match ? [match[1]!] : [];
    }),
  );
  for (const envVar of envVars) {
    if (known.has(envVar.name)) continue;
    known.add(envVar.name);
    lines.push(`# ${commentText(envVar.description)}`, `${envVar.name}=`);
  }
  return `${lines.join("\n")}\n`;
}
