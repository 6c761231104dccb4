#!/bin/sh
# world-atlas.sh — makes geo/world-50m.topojson, the world countries `map = "world"` draws, from
# the npm package world-atlas 2.0.2 (Natural Earth 1:50m Admin 0 countries, public domain,
# converted to TopoJSON by Mike Bostock's world-atlas scripts, ISC licence). Run once by hand;
# the output is committed. Needs node and npm (tests/maps installs the package).
#
# What the conversion does: keeps the "countries" object only (drops "land", which briefc does
# not draw), keeps each geometry's id (ISO 3166-1 numeric) and name, and writes the arcs as they
# are (quantized, delta-encoded): briefc reads TopoJSON itself (core/layout/geo_topo.c).
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here/tests/maps"
[ -f node_modules/world-atlas/countries-50m.json ] || npm install --no-audit --no-fund --loglevel=error >/dev/null
node -e '
const t = require("world-atlas/countries-50m.json");
const out = { type: "Topology", bbox: t.bbox, transform: t.transform,
  objects: { countries: t.objects.countries }, arcs: t.arcs };
process.stdout.write(JSON.stringify(out));
' > "$here/geo/world-50m.topojson"
ls -l "$here/geo/world-50m.topojson"
