// Types for the arquero modules src/lib/arquero.ts imports directly: the package's own declarations.
declare module "arquero/src/helpers/desc.js" {
  export {desc} from "arquero";
}
declare module "arquero/src/helpers/escape.js" {
  export {escape} from "arquero";
}
declare module "arquero/src/op/op-api.js" {
  export {op as opApi} from "arquero";
}
declare module "arquero/src/table/index.js" {
  export {from, table} from "arquero";
}
