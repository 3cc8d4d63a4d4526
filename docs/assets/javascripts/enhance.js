/* What every page adds to the theme, one concern per module of enhance/ (bundled into one file by esbuild:
   one request). Its attributes come from overrides/partials/sw-register.html. */
import { markScrollingTables } from "./enhance/tables.js";
import { registerWorker } from "./enhance/offline.js";

var script = document.currentScript;
markScrollingTables(script ? script.getAttribute("data-scroll-label") || "" : "");
registerWorker(script ? script.getAttribute("data-sw") : "");
