import { homedir } from "node:os";
import { join } from "node:path";

/** `$XDG_CONFIG_HOME/qaops`, else `~/.config/qaops`: where qaops keeps what outlives a run. */
export function qaopsConfigFolder(env: NodeJS.ProcessEnv): string {
  const base = env.XDG_CONFIG_HOME?.trim() ? env.XDG_CONFIG_HOME : join(homedir(), ".config");
  return join(base, "qaops");
}
