import type { Request as CurlconverterRequest } from "curlconverter";
import type { CapturedBody, NameValue } from "../model/captured-request.ts";
import { clip } from "./clip.ts";
import { readBody } from "./curl-body.ts";
import type { CurlCommandContext } from "./curl-command.ts";
import { allowsChallengeAuth, curlHeaders, readCustomHeaders } from "./curl-headers.ts";
import { describeUnreproducedOption, isReproducedOption } from "./curl-option-warnings.ts";
import type { CurlOption } from "./curl-options.ts";
import type { WarningNote } from "../model/conversion-warning.ts";
import type { ShellCommand } from "./shell-command.ts";

/** What every URL of one curl request shares: headers, body and warnings. */
export interface SharedParts {
  /** A challenge-response method (--digest…) is allowed: curl starts without credentials. */
  challengeAuth: boolean;
  headers: NameValue[];
  omittedHeaders: string[];
  body: CapturedBody;
  warnings: WarningNote[];
}

export function readSharedParts(input: {
  request: CurlconverterRequest;
  options: CurlOption[];
  command: ShellCommand;
  context: CurlCommandContext;
}): SharedParts {
  const { request, options, command, context } = input;
  const warnings: WarningNote[] = [];
  for (const option of options) {
    // A switch turned off (`--no-location`) asks for curl's default, which the test matches.
    if (!isReproducedOption(option.name) && option.enabled !== false) {
      warnings.push(describeUnreproducedOption(option));
    }
  }

  const { custom, omitted } = readCustomHeaders(options, warnings);
  const challengeAuth = allowsChallengeAuth(options);
  for (const file of request.cookieFiles ?? []) {
    warnings.push({
      code: "cookie-file-not-sent",
      message: `-b ${clip(file.toString())}: cookies read from a file are not sent by the test`,
    });
  }

  const headers = curlHeaders(request, custom, omitted, challengeAuth);
  const body = readBody({ request, options, command, context, headers, custom, warnings });
  return { headers, omittedHeaders: omitted, body, warnings, challengeAuth };
}
