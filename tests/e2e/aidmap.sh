#!/bin/sh
# aidmap.sh — the gallery's choropleth of real figures (issue 16 item 4): US foreign assistance
# obligated in FY2022 by recipient country (briefs/charts/data/MAPS.md). The derivation script
# keeps one year and one transaction type, drops regional and worldwide rows and places the map
# has no shape for, and names countries as the map does; the shipped data file matches a
# region of the shipped world on every row and the totals MAPS.md states; the gallery draws it
# with the given classes, its source line and alt text, and no map of invented values is left.
. "$(dirname "$0")/lib.sh"
needs python3 pdftotext qpdf

# 1. the derivation, on a small file laid out as ForeignAssistance.gov's country summary
check "Debian's ISO 3166 table is installed (iso-codes)" test -f /usr/share/iso-codes/json/iso_3166-1.json
H='"Country Code","Country Name","Region ID","Region Name","Income Group Acronym","Income Group Name","Transaction Type ID","Transaction Type Name","Fiscal Year","current_amount","constant_amount"'
cat > "$TMP/src.csv" <<CSV
$H
PAK,Pakistan,4,South and Central Asia,LMIC,Lower Middle Income Country,2,Obligations,2022,189032754,189032754
PAK,Pakistan,4,South and Central Asia,LMIC,Lower Middle Income Country,3,Disbursements,2022,5,5
PAK,Pakistan,4,South and Central Asia,LMIC,Lower Middle Income Country,2,Obligations,2021,184188547,196950529
COD,Congo (Kinshasa),5,Sub-Saharan Africa,LIC,Low Income Country,2,Obligations,2022,907500000,907500000
CS-KM,Kosovo,3,Europe and Eurasia,UMIC,Upper Middle Income Country,2,Obligations,2022,97830379,97830379
GAB,Gabon,5,Sub-Saharan Africa,UMIC,Upper Middle Income Country,2,Obligations,2022,-200000,-200000
WLD,World,7,World,NULL,NULL,2,Obligations,2022,16639700000,16639700000
SSN,Sub-Saharan Africa Region,5,Sub-Saharan Africa,NULL,NULL,2,Obligations,2022,1521988934,1521988934
SDF,Sudan (former),5,Sub-Saharan Africa,NULL,NULL,2,Obligations,2022,2020779,2020779
CSV
cat > "$TMP/want.csv" <<'CSV'
country,source_name,iso3,usd_m
Dem. Rep. Congo,Congo (Kinshasa),COD,907.5
Gabon,Gabon,GAB,-0.2
Kosovo,Kosovo,CS-KM,97.8
Pakistan,Pakistan,PAK,189.0
CSV
check "the derivation keeps FY2022 obligations of countries, named as the map names them" sh -c \
    "python3 '$ROOT/scripts/aid-by-country.py' '$TMP/src.csv' '$ROOT/geo/world-50m.topojson' 2022 Obligations > '$TMP/got.csv' 2> '$TMP/dropped.txt' && diff '$TMP/want.csv' '$TMP/got.csv'"
for s in "region or worldwide): WLD World" "region or worldwide): SSN Sub-Saharan Africa Region" \
         "no shape on the map): SDF Sudan (former)"; do
    check "the derivation says what it dropped: '$s'" contains "$TMP/dropped.txt" "$s"
done
printf '%s\n%s\n%s\n' "$H" "PAK,Pakistan,4,x,x,x,2,Obligations,2022,1,1" "PAK,Pakistan,4,x,x,x,2,Obligations,2022,2,2" > "$TMP/dup.csv"
check "two rows for one country are an error" sh -c \
    "! python3 '$ROOT/scripts/aid-by-country.py' '$TMP/dup.csv' '$ROOT/geo/world-50m.topojson' 2022 Obligations > /dev/null 2>&1"

# 2. the shipped file: one row per region of the shipped world, the totals MAPS.md gives, and
# Pakistan's figure the same as in the series from the same release
D="$ROOT/briefs/charts/data"
check "every row names a region of the shipped world once, with an amount" python3 - \
    "$D/us-obligations-by-country-fy2022.csv" "$ROOT/geo/world-50m.topojson" <<'PY'
import csv, json, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8")))
geoms = next(iter(json.load(open(sys.argv[2]))["objects"].values()))["geometries"]
names = {g["properties"]["name"] for g in geoms}
keys = [r["country"] for r in rows]
bad = [k for k in keys if k not in names] + [k for k in set(keys) if keys.count(k) > 1]
for r in rows:
    float(r["usd_m"])
sys.exit("not on the map or repeated: %s" % bad if bad else 0)
PY
n=$(awk -F, 'NR > 1' "$D/us-obligations-by-country-fy2022.csv" | wc -l)
sum=$(python3 -c 'import csv, sys; print("{:,.1f}".format(sum(float(r["usd_m"]) for r in csv.DictReader(open(sys.argv[1])))))' \
    "$D/us-obligations-by-country-fy2022.csv")
check "MAPS.md states the rows ($n) and their sum ($sum)" sh -c \
    "grep -qF '$n countries and territories, US\$ $sum million' '$D/MAPS.md'"
check "Pakistan's FY2022 figure matches the Pakistan series of the same release" sh -c \
    "grep -qx 'Pakistan,Pakistan,PAK,189.0' '$D/us-obligations-by-country-fy2022.csv' && grep -q '^2022,189.0,' '$D/us-obligations-pakistan-1948-2024.csv'"
check "no illustrative data file is left in the gallery" sh -c "! ls '$D' | grep -qi illustrative"

# 3. the gallery draws it
G="$TMP/g.pdf"
(cd "$ROOT" && run_briefc 0 build briefs/charts/brief.lua -o "$G" --dump-layout "$TMP/g.dump") || bad "the gallery did not build"
check "the world map's legend has the given classes" in_order "$TMP/g.dump" '"US$ millions"' '"0–10"' \
    '"10–100"' '"100–500"' '"500–1,000"' '"1,000–12,500"' '"no data"'
pdftotext -enc UTF-8 "$G" - | sed 's/\xc2\xa0/ /g' > "$TMP/g.txt"
check "the map's source line names the data" contains "$TMP/g.txt" \
    "Source: ForeignAssistance.gov, U.S. Foreign Assistance by Country, obligations, FY2022"
check "the maps section shows no illustrative values" pf \
    "sed -n '/^4 Maps/,/^5 Images/p' '$TMP/g.txt' | grep -c . | grep -qv '^0$' && ! sed -n '/^4 Maps/,/^5 Images/p' '$TMP/g.txt' | grep -qi illustrative"
qpdf --qdf --object-streams=disable "$G" "$TMP/gq.pdf"
check "the alt text is written from the figures" grepq -a -F \
    "US\$ millions by country across 241 regions; highest 12432.7 in Ukraine, lowest -0.2 in Gabon; no data for" "$TMP/gq.pdf"
finish
