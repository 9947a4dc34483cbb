import js from "@eslint/js";
import tseslint from "typescript-eslint";

const pure = ["src/domain/**", "src/checks/**", "src/reports/**", "src/render/**"];

export default tseslint.config(
  { ignores: ["dist/**", "node_modules/**", "coverage/**", "bench/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: "readonly", console: "readonly", URL: "readonly", TextDecoder: "readonly", TextEncoder: "readonly", Buffer: "readonly", setTimeout: "readonly", clearTimeout: "readonly" } },
    rules: {
      "no-control-regex": "off",
      "no-misleading-character-class": "off",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
      "max-lines": ["error", { max: 400, skipBlankLines: true, skipComments: true }],
    },
  },
  {
    // The launcher is CommonJS so that --version and --help answer before the ES-module loader starts.
    files: ["bin/*.cjs"],
    languageOptions: { sourceType: "commonjs", globals: { require: "readonly", __dirname: "readonly", Intl: "readonly" } },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    files: ["src/**/*.ts"],
    ignores: ["src/**/*.test.ts"],
    rules: {
      "no-console": "error",
      "no-restricted-syntax": [
        "error",
        { selector: "ExportDefaultDeclaration", message: "named exports only" },
      ],
    },
  },
  {
    files: pure,
    ignores: ["src/**/*.test.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: ["node:*", "fs", "path", "child_process", "os"], message: "domain, checks, reports and render are pure: no node modules" }, { group: ["**/storage/*", "**/git/*", "**/commands/*", "**/app/deps*"], message: "pure code does not reach into the shell" }] }],
      "no-restricted-globals": ["error", { name: "process", message: "pure code reads no environment" }],
      "no-restricted-syntax": [
        "error",
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: "pure code takes `now` as an argument" },
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: "pure code takes `now` as an argument" },
      ],
    },
  },
  {
    files: ["src/commands/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: ["../*.js", "!../app/*", "!../domain/*", "!../render/*", "!../storage/*", "!../git/*", "!../reports/*", "!../checks/*"], message: "commands never import each other" }] }],
    },
  },
);
