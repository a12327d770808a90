// The Explorer's catalogue: levels, their views and variables, category filters, saved queries.
import {emit} from "../../loaders/cli.js";
import {explorerCatalog} from "../../loaders/explorer.js";
import {openWarehouse} from "../../loaders/warehouse.js";

await emit(async () => JSON.stringify(await explorerCatalog(await openWarehouse())));
