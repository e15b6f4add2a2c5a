/** Bad usage of a command (exit code 2), as opposed to a failure while doing the work. */
export class UsageError extends Error {
  override name = "UsageError";
}
