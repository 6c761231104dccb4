// decode.js — topojson-client's decoding of a TopoJSON file, in geodump.c's format: one line per
// ring, the closing point dropped, rings of fewer than three distinct points left out (briefc
// drops those collapsed by quantization too). Usage: node decode.js FILE OBJECT PROPERTY
const fs = require("fs");
const tc = require("topojson-client");
const [file, object, prop] = process.argv.slice(2);
const topo = JSON.parse(fs.readFileSync(file));
const fc = tc.feature(topo, topo.objects[object]);
const out = [];
for (const f of fc.features) {
  if (!f.geometry) continue;
  const name = prop === "id" ? f.id : f.properties[prop];
  const polys = f.geometry.type === "Polygon" ? [f.geometry.coordinates] : f.geometry.coordinates;
  let k = 0;
  for (const poly of polys)
    for (const ring of poly) {
      if (ring.length < 4) continue;
      const pts = ring.slice(0, -1);
      out.push(`${name}\tring ${k++}\t` + pts.map(p => `${p[0].toFixed(9)},${p[1].toFixed(9)}`).join(" "));
    }
}
process.stdout.write(out.join("\n") + "\n");
