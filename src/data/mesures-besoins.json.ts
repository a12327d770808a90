// The Méthode page's figures on the two need measures (coverage, rank agreement, candidate checks).
import {emit} from "../../loaders/cli.js";
import {needsMeasures} from "../../loaders/needs-measures.js";
import {openWarehouse} from "../../loaders/warehouse.js";

await emit(async () => JSON.stringify(await needsMeasures(await openWarehouse())));
