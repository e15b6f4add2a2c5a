/**
 * Checks a HAR against the HAR 1.2 JSON schema (har-validator, the schema Postman and request
 * use), so a test fails on a missing field a stricter HAR reader would refuse.
 */
import { createRequire } from "node:module";

interface HarValidator {
  har(document: unknown): Promise<unknown>;
}

interface HarValidationError {
  errors?: { instancePath?: string; dataPath?: string; message?: string }[];
}

// har-validator is CommonJS without types.
const validator = createRequire(import.meta.url)("har-validator") as HarValidator;

/** Resolves with the schema's complaints, one line each; none when the HAR is valid. */
export async function harSchemaErrors(document: unknown): Promise<string[]> {
  try {
    await validator.har(document);
    return [];
  } catch (error) {
    const errors = (error as HarValidationError).errors ?? [];
    return errors.map(
      (each) => `${each.dataPath ?? each.instancePath ?? ""} ${each.message ?? ""}`,
    );
  }
}
