import js from "@eslint/js";
import tseslint from "typescript-eslint";
import { importBoundaries } from "./eslint.import-boundaries.js";

export default tseslint.config(
  {
    ignores: [
      "node_modules/",
      ".tools/",
      "playwright-report/",
      "test-results/",
      "blob-report/",
      "perf-results/",
      ".qaops/",
      // Generated specs kept as golden files; golden.test.ts compares them with the converter.
      "tools/**/golden/expected/",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      "@typescript-eslint/no-floating-promises": [
        "error",
        {
          // node:test's describe/it return promises that the runner itself awaits.
          allowForKnownSafeCalls: [
            { from: "package", package: "node:test", name: ["describe", "it", "test", "suite"] },
          ],
        },
      ],
      "@typescript-eslint/consistent-type-imports": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
    },
  },
  ...importBoundaries,
  {
    // Files and functions short enough to read at once, in the code written by hand (what qaops
    // generates into tests/api and tests/perf/captured is as long as its capture). Test and spec
    // files are exempt from the function limit: their describe blocks are containers, not steps.
    files: [
      "{src,tools,bench,scripts,test-support}/**/*.ts",
      "tests/api/support/**/*.ts",
      "tests/perf/{lib,scenarios}/**/*.ts",
    ],
    rules: { "max-lines": ["error", { max: 350 }] },
  },
  {
    files: ["{src,tools,bench,scripts,test-support}/**/*.ts"],
    ignores: ["**/*.test.ts", "**/*.spec.ts"],
    rules: {
      "max-lines-per-function": ["error", { max: 60, skipBlankLines: true, skipComments: true }],
    },
  },
  {
    files: ["**/*.js"],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      globals: { process: "readonly", console: "readonly", URL: "readonly" },
    },
  },
);
