// The small scripts every page runs, as one deferred file: one request and one gzip stream instead of four keeps the
// first view within the budgets of tests/test_budgets.py (the calculator page had 0.1 KB left). Each part keeps its
// own file and its own function scope; document.currentScript is this file's tag (data-sw, data-event).
import "./validity.js";
import "./share.js";
import "./enhance.js";
import "./beacon.js";
