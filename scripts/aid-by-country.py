#!/usr/bin/env python3
"""aid-by-country.py: derive the chart gallery's map data from ForeignAssistance.gov's
"U.S. Foreign Assistance by Country" file (us_foreign_aid_country.csv).

Keeps one fiscal year and one transaction type, drops the source's regional and worldwide rows
(region "World") and rows for places the shipped world map has no shape for, and names each
country as the map does: the source's ISO 3166-1 alpha-3 code is turned into the numeric code
with Debian's iso-codes table, and the numeric code picks the map's geometry (Kosovo, which has
no ISO code, by name). Amounts are written in US$ millions, current dollars, to 0.1.

usage: scripts/aid-by-country.py SOURCE.csv geo/world-50m.topojson FY TYPE > OUT.csv
  e.g. scripts/aid-by-country.py us_foreign_aid_country.csv geo/world-50m.topojson 2022 Obligations
What was dropped goes to standard error.
"""
import csv
import json
import sys

ISO = "/usr/share/iso-codes/json/iso_3166-1.json"
BY_NAME = {"CS-KM": "Kosovo"}  # no ISO 3166-1 code; the map has no id for it either


def main(src, topo, year, kind):
    iso = {c["alpha_3"]: c["numeric"] for c in json.load(open(ISO))["3166-1"]}
    geoms = next(iter(json.load(open(topo))["objects"].values()))["geometries"]
    by_id = {g["id"]: g["properties"]["name"] for g in geoms if g.get("id")}
    names = {g["properties"]["name"] for g in geoms}
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(["country", "source_name", "iso3", "usd_m"])
    rows = []
    for r in csv.DictReader(open(src, newline="", encoding="utf-8-sig")):
        if r["Fiscal Year"] != year or r["Transaction Type Name"] != kind:
            continue
        code, name = r["Country Code"], r["Country Name"]
        if r["Region Name"] == "World" or name.endswith(" Region"):
            print("dropped (region or worldwide): %s %s" % (code, name), file=sys.stderr)
            continue
        m = BY_NAME.get(code) or by_id.get(iso.get(code, ""))
        if not m or m not in names:
            print("dropped (no shape on the map): %s %s %s" % (code, name, r["current_amount"]),
                  file=sys.stderr)
            continue
        rows.append((m, name, code, float(r["current_amount"]) / 1e6))
    seen = set()
    for m, name, code, usd in sorted(rows):
        if m in seen:
            sys.exit("aid-by-country.py: error: two source rows map to %s" % m)
        seen.add(m)
        out.writerow([m, name, code, "%.1f" % usd])


if __name__ == "__main__":
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    main(*sys.argv[1:])
