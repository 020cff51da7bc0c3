// ESLint flat config: typescript-eslint's type-aware recommended rules over every TypeScript file the
// workspace type-checks, plus @pulumi/eslint-plugin, which catches Outputs interpolated into template strings
// (they render as "Calling [toString] on an [Output<T>] is not supported").
import pulumi from "@pulumi/eslint-plugin";
import tseslint from "typescript-eslint";
import js from "@eslint/js";
import globals from "globals";
import jest from "eslint-plugin-jest";
import boundary from "./tools/nx-pulumi/src/layer-boundary.js";

export default tseslint.config(
  {
    ignores: [
      "**/node_modules/**",
      "**/test/fixtures/**",
      "**/.nx/**",
      "**/dist/**",
      "**/.compiled/**",
      ".stryker-tmp/**",
      "reports/**",
    ],
  },
  {
    files: ["**/*.ts"],
    extends: [...tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      // One program over the workspace (the root tsconfig.json, which `tsc -b` checks): type information for
      // the Pulumi providers is built once, not once per package as with `projectService`, which needs several
      // times the memory and the time for `eslint .`. nx's per-project `lint` target passes its own tsconfig.
      parserOptions: { project: "./tsconfig.json", tsconfigRootDir: import.meta.dirname },
    },
    plugins: { "@pulumi": pulumi },
    rules: {
      "@pulumi/no-output-in-template-literal": "error",
      "@pulumi/no-output-instance-in-template-literal": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  // Programs and the policy pack import no tooling library (tools/nx-pulumi/src/layer-boundary.js).
  boundary.layerBoundaryConfig(import.meta.dirname),
  {
    // eslint-plugin-jest's recommended rules, with a skipped test an error like a focused one: a test runs, whole,
    // every time, and asserts unconditionally (no-conditional-expect). jest's `expect(mock.method)` passes methods
    // unbound on purpose; typescript-eslint's docs advise turning this rule off where jest's is not enabled.
    files: ["**/test/**/*.ts", "**/*.test.ts"],
    ...jest.configs["flat/recommended"],
    rules: {
      ...jest.configs["flat/recommended"].rules,
      "jest/no-conditional-expect": "error",
      "jest/no-focused-tests": "error",
      "jest/no-disabled-tests": "error",
      "@typescript-eslint/unbound-method": "off",
    },
  },
  {
    // A shared suite (test/support/protocol-suite.ts) declares tests for the files that import it.
    files: ["**/test/support/**/*.ts"],
    rules: { "jest/no-export": "off" },
  },
  {
    files: ["**/*.js", "**/*.mjs"],
    extends: [js.configs.recommended],
    languageOptions: {
      sourceType: "commonjs",
      globals: globals.node,
    },
  },
  {
    files: ["**/*.mjs"],
    languageOptions: { sourceType: "module" },
  },
);
