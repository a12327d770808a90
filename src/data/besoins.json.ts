// The Besoins page's data: indicators at every level, with statuses and coverage (see loaders/needs.ts).
import {emit} from "../../loaders/cli.js";
import {needsData} from "../../loaders/needs.js";
import {openWarehouse} from "../../loaders/warehouse.js";

await emit(async () => JSON.stringify(await needsData(await openWarehouse())));
