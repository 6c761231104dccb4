-- rtl-longword — an Urdu paragraph, ragged, holding a word longer than the line
-- (tests/e2e/rtl_longword.sh): split between clusters, every line still starts at the right.
return { title = "t", language = "ur", theme = { body_font = "NotoNaskhArabic", justify = false },
  sections = { section "prose" { paragraphs = {
    "پاکستان اور امریکہ " .. string.rep("ب", 400) .. " کے تعلقات",
  } } } }
