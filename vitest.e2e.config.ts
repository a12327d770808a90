import {defineConfig} from "vitest/config";

// End-to-end tests: serve the existing dist/ and drive headless Chromium.
// The machine has 2 cores: one fork, files run one after another.
export default defineConfig({
  test: {
    include: ["test/e2e/**/*.test.ts"],
    environment: "node",
    pool: "forks",
    poolOptions: {forks: {singleFork: true}},
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    teardownTimeout: 30_000
  }
});
