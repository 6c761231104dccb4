-- chart-liga — issue 15: Latin chart labels set with the font's ligatures and kerning, as body
-- text is (tests/e2e/chart_liga.sh): "Office" with its ffi, "fiscal" with its fi.
return { title = "Chart labels", sections = { section "liga" } }
