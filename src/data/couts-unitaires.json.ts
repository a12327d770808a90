// The unit-cost registry, checked (a cost without source, year of euros or unit stops the build).
import {emit} from "../../loaders/cli.js";
import {readUnitCosts} from "../../loaders/impact.js";

await emit(async () => JSON.stringify(readUnitCosts()));
