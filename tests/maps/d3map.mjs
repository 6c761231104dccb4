// d3map.mjs — the reference drawing for the map pixel comparison (tests/maps/mapdiff.sh): d3-geo
// draws the shipped world as briefc's locator map does (the globe's outline in the sea's colour,
// countries in the land colour with a 0.5 pt grey border, Pakistan in the default accent mixed
// with white), fitted to W x H by d3's fitSize, the rule briefc's fitting follows, as SVG for
// rsvg-convert. Usage: node d3map.mjs WORLD.topojson W H DY > map.svg (DY: the sub-point shift
// of briefc's map on its page). D3GEO names the d3-geo module (default "d3-geo", 3.1.1);
// D3PROJ a d3 projection to draw instead of geoNaturalEarth1 (the negative control of e2e_mapdiff).
import {readFileSync} from "fs";
import {createRequire} from "module";
const require = createRequire(import.meta.url);
const d3 = await import(process.env.D3GEO || "d3-geo");
const tc = require("topojson-client");
const [file, W, H, dy] = [process.argv[2], +process.argv[3], +process.argv[4], +process.argv[5]];
const topo = JSON.parse(readFileSync(file));
const fc = tc.feature(topo, topo.objects.countries);
const path = d3.geoPath(d3[process.env.D3PROJ || "geoNaturalEarth1"]().fitSize([W, H], fc));
const mix = (a, b, t) => "#" + [16, 8, 0].map(s => Math.round(((a >> s) & 255) * (1 - t) + ((b >> s) & 255) * t)
  .toString(16).padStart(2, "0")).join("");
const accent = 0x17406d; // the default theme's
let out = `<svg xmlns="http://www.w3.org/2000/svg" width="${Math.round(W)}" height="${Math.round(H)}">\n` +
  `<g transform="translate(0 ${dy})" stroke-linejoin="round" stroke-linecap="round">\n` +
  `<path d="${path({type: "Sphere"})}" fill="#e6eff5"/>\n`;
for (const hi of [false, true])
  for (const f of fc.features) {
    if ((f.properties.name === "Pakistan") !== hi) continue;
    const d = path(f);
    if (d) out += `<path d="${d}" fill="${hi ? mix(accent, 0xffffff, 0.55) : "#f1eee8"}" ` +
      `stroke="${hi ? mix(accent, 0xffffff, 0.15) : "#a6a6a6"}" stroke-width="0.5"/>\n`;
  }
out += `<path d="${path({type: "Sphere"})}" fill="none" stroke="#8c8c8c" stroke-width="0.5"/>\n</g></svg>\n`;
process.stdout.write(out);
