// Every published table in the data/xlsx/ folder of the site, as one archive: Framework extracts
// data/xlsx/<table>.<ext> from it (see loaders/downloads.ts for the format and why one archive).
import {emit} from "../../loaders/cli.js";
import {downloadArchive} from "../../loaders/downloads.js";
import {openWarehouse} from "../../loaders/warehouse.js";

await emit(async () => downloadArchive("xlsx", await openWarehouse()));
