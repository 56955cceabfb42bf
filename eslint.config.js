import js from "@eslint/js";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";

const DOM_GLOBALS = ["window", "document", "navigator", "localStorage", "sessionStorage", "location", "HTMLElement", "requestAnimationFrame"];

export default tseslint.config(
  { ignores: ["dist/", "data/", "node_modules/", "test-results/", "coverage/", ".stryker-tmp/", "reports/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["scripts/**/*.{js,mjs}", "*.config.{js,ts}"],
    languageOptions: { globals: globals.node },
  },
  {
    files: ["**/*.{ts,tsx}"],
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    files: ["client/**/*.{ts,tsx}"],
    plugins: { "react-hooks": reactHooks },
    rules: {
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "warn",
      "no-restricted-imports": ["error", { patterns: [{ group: ["**/server/**", "../server/*"], message: "client/ talks to the server over the protocol, never by import." }] }],
    },
  },
  {
    // shared/ runs on both sides: plain data, zod and Colyseus schema only.
    files: ["shared/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", {
        patterns: [
          { group: ["**/server/**", "**/client/**"], message: "shared/ must not import from server/ or client/." },
          { group: ["three", "three/*", "react", "react-dom", "react/*", "react-dom/*", "@react-three/*", "colyseus.js", "@colyseus/core", "express", "kysely", "pg", "better-sqlite3", "node:*"], message: "shared/ holds pure rules, schemas and state classes: no DOM, three, React, server or Node modules." },
        ],
      }],
      "no-restricted-globals": ["error", ...DOM_GLOBALS.map((name) => ({ name, message: "shared/ must not touch the DOM." }))],
    },
  },
  {
    files: ["server/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: ["**/client/**"], message: "server/ must not import client code." }] }],
    },
  },
);
