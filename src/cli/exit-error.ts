/**
 * Ends a command with `exitCode`, thrown from anywhere below a command handler and caught once,
 * in `main.ts`. A message is printed as `error: …`; without one, the command has already said
 * what happened and only the exit code is left to set.
 */
export class ExitError extends Error {
  override name = "ExitError";
  readonly exitCode: number;

  constructor(exitCode: number, message = "") {
    super(message);
    this.exitCode = exitCode;
  }
}
