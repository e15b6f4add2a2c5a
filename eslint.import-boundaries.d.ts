import type { Linter } from "eslint";

/** The import-direction rules of eslint.import-boundaries.js, typed for the test that checks them. */
export declare const importBoundaries: Linter.Config[];
