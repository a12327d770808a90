// Shared plumbing for Framework data loaders: parameters in, one artefact out on stdout,
// any failure on stderr with a non-zero exit (Framework caches whatever a loader that exits 0 printed).
import {parseArgs} from "node:util";

export function param(name: string): string {
  const {values} = parseArgs({options: {[name]: {type: "string"}}, strict: false});
  const value = values[name];
  if (typeof value !== "string" || value === "") throw new Error(`missing --${name} parameter`);
  return value;
}

export async function emit(produce: () => Promise<string | Uint8Array>): Promise<void> {
  try {
    const output = await produce();
    await new Promise<void>((resolve, reject) => process.stdout.write(output, (error) => (error ? reject(error) : resolve())));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(1);
  }
}
