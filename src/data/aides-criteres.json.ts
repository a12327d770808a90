// Grid tags on aid (data/aides/criteres.csv), checked against the grid and the aid keys.
import {emit} from "../../loaders/cli.js";
import {readAidTags} from "../../loaders/impact.js";

await emit(async () => JSON.stringify(readAidTags()));
