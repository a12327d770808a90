import {configDefaults, defineConfig} from "vitest/config";

// Unit tests (`vitest run`). Browser tests live in test/e2e and run with vitest.e2e.config.ts.
export default defineConfig({
  test: {
    exclude: [...configDefaults.exclude, "test/e2e/**", "dist/**", "src/.observablehq/**", "data/**"],
    pool: "forks",
    poolOptions: {forks: {maxForks: 2}}
  }
});
