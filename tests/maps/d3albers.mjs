// d3albers.mjs — the reference drawing for e2e_maps_antimeridian: d3-geo (3.1.1, pinned in
// package.json) draws the shipped world as briefc's locator map does in Albers equal-area
// about a central meridian (geoConicEqualArea with the standard parallels, rotated by minus
// the meridian: d3's own cut at the antimeridian), the frame in the sea's colour, countries in
// the land colour with a 0.5 pt grey border, Pakistan in the accent mixed with white, fitted
// to W x H by fitSize, as SVG for rsvg-convert.
// Usage: node d3albers.mjs WORLD.topojson W H DY P1 P2 L0 > map.svg
import {readFileSync} from "fs";
import {createRequire} from "module";
const require = createRequire(import.meta.url);
const d3 = await import("d3-geo");
const tc = require("topojson-client");
const [file, W, H, dy, p1, p2, l0] = [process.argv[2], ...process.argv.slice(3).map(Number)];
const topo = JSON.parse(readFileSync(file));
const fc = tc.feature(topo, topo.objects.countries);
const path = d3.geoPath(d3.geoConicEqualArea().parallels([p1, p2]).rotate([-l0, 0]).fitSize([W, H], fc));
const mix = (a, b, t) => "#" + [16, 8, 0].map(s => Math.round(((a >> s) & 255) * (1 - t) + ((b >> s) & 255) * t)
  .toString(16).padStart(2, "0")).join("");
const accent = 0x17406d; // the default theme's
let out = `<svg xmlns="http://www.w3.org/2000/svg" width="${Math.round(W)}" height="${Math.round(H)}">\n` +
  `<g transform="translate(0 ${dy})" stroke-linejoin="round" stroke-linecap="round">\n` +
  `<rect width="${W}" height="${H}" fill="#e6eff5"/>\n`;
for (const hi of [false, true])
  for (const f of fc.features) {
    if ((f.properties.name === "Pakistan") !== hi) continue;
    const d = path(f);
    if (d) out += `<path d="${d}" fill="${hi ? mix(accent, 0xffffff, 0.55) : "#f1eee8"}" ` +
      `stroke="${hi ? mix(accent, 0xffffff, 0.15) : "#a6a6a6"}" stroke-width="0.5"/>\n`;
  }
out += `<rect width="${W}" height="${H}" fill="none" stroke="#8c8c8c" stroke-width="0.5"/>\n</g></svg>\n`;
process.stdout.write(out);
