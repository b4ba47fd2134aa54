// Bundles the dashboard's scripts into the Python package (src/eventwire/web/static/).
// The output is committed, so installing eventwire needs no npm; rerun `npm run build` after edits.
import { build } from "esbuild";

await build({
  entryPoints: { app: "src/main.js", map: "src/map.js" },
  outdir: "../src/eventwire/web/static",
  bundle: true,
  minify: true,
  format: "iife",
  target: ["es2020"],
  legalComments: "linked",
  logLevel: "info",
});
