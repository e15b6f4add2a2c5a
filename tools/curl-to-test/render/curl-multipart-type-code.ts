import type { PlannedMultipartPart } from "../plan/conversion-plan.ts";
import { stringLiteral } from "./literal.ts";
import { multipartCode } from "./multipart-code.ts";
import type { SpecFile } from "./spec-file.ts";

/**
 * A multipart body sent under the Content-Type the capture gave curl's `-F` (`multipart/related`,
 * or form-data with a boundary of its own): curl keeps that value and appends the boundary it
 * wrote the body with, so the test writes the body itself and does the same.
 */
export function curlMultipartTypeCode(
  file: SpecFile,
  parts: readonly PlannedMultipartPart[],
  contentType: string,
): { lines: string[]; option: string; contentType: string } {
  const written = multipartCode(file, parts, true);
  return {
    ...written,
    contentType: appendedBoundaryCode(contentType, written.contentType ?? "form.contentType"),
  };
}

/**
 * `contentType` with the boundary that `formContentType` (code giving `multipart/form-data;
 * boundary=…`, what the `multipartBody` helpers return) names appended after it.
 */
export function appendedBoundaryCode(contentType: string, formContentType: string): string {
  return `${stringLiteral(contentType)} + ${formContentType}.replace("multipart/form-data", "")`;
}
