/**
 * The request model every converter stage shares: what was captured, exactly, before any
 * decision about what to keep or assert. Intake produces it; plan reads it. Imports nothing
 * outside the model.
 */
import type { ConversionWarning } from "./conversion-warning.ts";

/** Where a request came from, so errors and TODOs can point at the input. */
export interface SourceLocation {
  /** The input file's path as given, or `-` for stdin. */
  file: string;
  /** 1-based line of the command's first token, or of the HAR entry. */
  line: number;
  /** 1-based column. */
  column: number;
}

/** A header or form field as captured: order, duplicates and the name's case preserved. */
export interface NameValue {
  name: string;
  value: string;
}

export type CapturedBody =
  | { kind: "none" }
  /** Bytes as sent, UTF-8 text (JSON, urlencoded forms, XML, plain text). */
  | { kind: "text"; text: string; mimeType?: string }
  /** Bytes that are not UTF-8 text (HAR base64 bodies, --data-binary of binary files). */
  | { kind: "binary"; base64: string; mimeType?: string }
  | {
      kind: "multipart";
      parts: MultipartPart[];
      /**
       * The Content-Type the capture gave with curl's `-F`: curl sends it with its own
       * `; boundary=…` appended, whatever it says (`multipart/related; boundary=…; boundary=…`).
       */
      contentType?: string;
    }
  /** A body read from a file at send time (`-d @file`, `-T file`); the file may be absent. */
  | {
      kind: "file";
      path: string;
      mimeType?: string;
      /**
       * How curl turns the file into the body: unchanged when absent; `strip-newlines` for
       * `-d @file` (curl drops CR and LF); `urlencode` for `--data-urlencode [name]@file`.
       */
      transform?: "strip-newlines" | "urlencode";
      /** For `--data-urlencode name@file`: the name put before `=`, sent as is. */
      urlencodeName?: string;
      /** Nothing to read it from here (no such file, or standard input not captured); warned. */
      missing?: true;
    };

/**
 * One part of a multipart/form-data body, in the order sent. The shapes:
 * - `value` only: a text field (`-F name=value`, `--form-string`).
 * - `filePath` and `filename`: a file upload (`-F name=@path`; filename defaults to the path's
 *   last segment).
 * - `filePath` without `filename`: a text field whose value is read from a file (`-F name=<path`).
 * - `value` and `filename`: a file whose content was captured inline (HAR).
 */
export interface MultipartPart {
  name: string;
  value?: string;
  filePath?: string;
  filename?: string;
  /**
   * As sent, when the capture says: `;type=…`, HAR part contentType, or for a curl `-F name=@file`
   * upload the type curl picks from the file name (application/octet-stream when it knows none).
   */
  contentType?: string;
  /** `filePath` names no file here; a `file-missing` warning says so. */
  missing?: true;
}

/** A query parameter whose value curl reads from a file: `name@path`, or `@path` unnamed. */
export interface QueryFile {
  name?: string;
  path: string;
  /**
   * What curl does to the file's text: percent-encodes it (`--url-query`, `--data-urlencode`),
   * removes CR and LF (`-G -d @file`), or sends it as it is (`-G --data-binary @file`).
   */
  transform: "urlencode" | "strip-newlines" | "none";
  /** `path` names no file here; a `file-missing` warning says so. */
  missing?: true;
}

export interface CapturedResponse {
  status: number;
  headers: NameValue[];
  /** Decoded body text when it is text; absent for binary or empty bodies. */
  bodyText?: string;
  mimeType?: string;
}

export interface CapturedRequest {
  source: SourceLocation;
  /** Upper-case, as sent on the wire. */
  method: string;
  /** The absolute URL as captured; its raw query string is kept byte for byte. */
  url: string;
  /**
   * Query parameters curl reads from files when it sends the request (`--url-query name@file`,
   * `-G --data-urlencode name@file`), in order after `url`, which then ends in the `?` or `&`
   * curl writes before them. Each is `name=` (when named) and the file's content percent-encoded
   * as curl does it (a space as `+`), joined by `&`.
   */
  queryFiles?: QueryFile[];
  /**
   * Sent headers in capture order, duplicates kept, as written (`-H 'X;'` is `X` with an empty
   * value). Includes what curl derives from options (`-u`, `-b`, `-A`, `-e`, the Content-Type
   * of `-d`/`--json`), but not what every client adds on its own (Host, Content-Length, curl's
   * default User-Agent and `Accept: *\/*`).
   */
  headers: NameValue[];
  /**
   * Header names the capture told curl not to send (`-H 'Accept:'`), so a test can avoid
   * sending its client's default for them.
   */
  omittedHeaders?: string[];
  body: CapturedBody;
  /** From HAR, or from `--record` replaying the request. */
  response?: CapturedResponse;
  /**
   * Responses to the same step when the whole capture was replayed in fresh state (fresh
   * nonces, the ids its own creates returned): what varies between runs, what holds.
   */
  replays?: CapturedResponse[];
  /** What the capture asked for that a test cannot reproduce, each at the request's source. */
  warnings: ConversionWarning[];
}

/** An input, or part of one, that could not be read; the other inputs still convert. */
export interface CaptureFailure {
  source: SourceLocation;
  message: string;
  /** The offending source line, and a caret line under the token. */
  excerpt?: { line: string; caret: string };
}

export interface IntakeResult {
  requests: CapturedRequest[];
  failures: CaptureFailure[];
  /** Inputs skipped on purpose (HAR static assets, preflights, beacons), said in words. */
  skipped: string[];
}
