// The identification grid (ESS law art. 15, CSESS 2017), checked.
import {emit} from "../../loaders/cli.js";
import {readGrid} from "../../loaders/impact.js";

await emit(async () => JSON.stringify(readGrid()));
