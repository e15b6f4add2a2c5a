import { ExitError } from "./exit-error.ts";

/** Bad usage of a command (exit code 2), as opposed to a failure while doing the work. */
export class UsageError extends ExitError {
  override name = "UsageError";

  constructor(message: string) {
    super(2, message);
  }
}
