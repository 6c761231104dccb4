-- cjk-extract — issue 15: the quarter em between CJK and Latin (JLREQ 3.2.4) extracts as the
-- source has it (tests/e2e/cjk_extract.sh). p0: Latin and digits on both sides of ideographs
-- with no space; p1: the same with spaces in the source, which must stay; p2: Japanese with
-- a Latin word; p3: Latin text whose word spaces must stay; p4: Latin set with ligatures
-- (ffi, fl: shaped ops) against ideographs, and after a full-width comma. The test builds it
-- again with Noto Serif as the body font (ideographs from the CJK fallback: the font changes
-- at each gap).
return { title = "中国CPEC报告", language = "zh",
  theme = { body_font = "Noto Sans CJK SC", heading_font = "Noto Sans CJK SC", justify = true },
  sections = { section "title_block", section "prose" { paragraphs = {
    "中国CPEC走廊全长3000公里，2015年启动，Gwadar港是其终点。",
    "中国 CPEC 走廊全长 3000 公里，2015 年启动。",
    "日本のJLREQは2012年に公開された。",
    "The China-Pakistan Economic Corridor links Kashgar to Gwadar over 3000 km.",
    "中国office报告的efficient平台和fluffy计划，Office 365在2024年。",
  } } } }
