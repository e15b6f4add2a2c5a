/**
 * Ends a command with a given exit code, e.g. the code of a command qaops ran for the user.
 * An empty message prints nothing: the command already said what happened.
 */
export class ExitCode extends Error {
  override name = "ExitCode";
  readonly code: number;

  constructor(code: number, message = "") {
    super(message);
    this.code = code;
  }
}
