#!/bin/sh
# Installs topojson-client, world-atlas and d3-geo (pinned) beside the map checks:
# e2e_maps_world compares briefc's TopoJSON decoding with topojson-client's, e2e_mapdiff
# briefc's world map with d3-geo's, and scripts/world-atlas.sh makes geo/world-50m.topojson
# from world-atlas.
set -eu
cd "$(dirname "$0")"
[ -f node_modules/topojson-client/package.json ] && [ -f node_modules/world-atlas/package.json ] &&
    [ -f node_modules/d3-geo/package.json ] && exit 0
npm install --no-audit --no-fund --omit=optional --loglevel=error >/dev/null
