// `npm run build` step 1: build and check the warehouse; any error stops the build with its message.
import {buildWarehouse} from "./warehouse.js";

try {
  await buildWarehouse();
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
}
