/**
 * `npm test`: type-check, unit and integration tests, build the site, browser tests — then one
 * plain closing line "N passed, N failed" counting every test (vitest's own line is per run).
 * Exits non-zero if anything failed, including the type-check or the build.
 */
import {spawnSync} from "node:child_process";
import {mkdtempSync, readFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";

const reports = mkdtempSync(join(tmpdir(), "atlas-tests-"));
let passed = 0;
let failed = 0;

function step(name: string, command: string, args: string[]): boolean {
  process.stdout.write(`\n▶ ${name}: ${command} ${args.join(" ")}\n`);
  const result = spawnSync(command, args, {stdio: "inherit", env: process.env});
  return result.status === 0;
}

function vitest(name: string, args: string[]): void {
  const report = join(reports, `${name}.json`);
  step(name, "npx", ["vitest", "run", ...args, "--reporter=default", "--reporter=json", `--outputFile=${report}`]);
  try {
    const json = JSON.parse(readFileSync(report, "utf8"));
    passed += json.numPassedTests;
    failed += json.numFailedTests + (json.numTotalTestSuites > 0 && json.success === false && json.numFailedTests === 0 ? 1 : 0);
  } catch {
    failed += 1; // no report: the run itself crashed
  }
}

if (step("typecheck", "npx", ["tsc", "--noEmit"])) passed += 1;
else failed += 1;
vitest("unit", []);
if (step("build", "npm", ["run", "build"])) {
  passed += 1;
  vitest("e2e", ["--config", "vitest.e2e.config.ts"]);
} else {
  failed += 1;
}
process.stdout.write(`\n${passed} passed, ${failed} failed\n`);
process.exit(failed > 0 ? 1 : 0);
