// The territory sheet's supply, memberships, references and sources (see loaders/fiches.ts).
import {emit} from "../../loaders/cli.js";
import {ficheData} from "../../loaders/fiches.js";
import {openWarehouse} from "../../loaders/warehouse.js";

await emit(async () => JSON.stringify(await ficheData(await openWarehouse())));
