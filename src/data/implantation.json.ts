// The Implantation page's data: demand points, candidate communes and recorded structures.
import {emit} from "../../loaders/cli.js";
import {placementData} from "../../loaders/placement.js";
import {openWarehouse} from "../../loaders/warehouse.js";

await emit(async () => JSON.stringify(await placementData(await openWarehouse())));
