// The SCDL "subventions" schema (v2.1.1, from the data pack) that the Bilan page's import validates against.
import {emit} from "../../loaders/cli.js";
import {scdlSchema} from "../../loaders/schemas.js";

await emit(async () => JSON.stringify(await scdlSchema()));
