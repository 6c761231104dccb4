-- cjk-punct — issue 15: Chinese and Japanese punctuation spacing (tests/e2e/cjk_punct.sh).
-- Adjacent full-width marks set in 1.5 em (p0, p4); an opening bracket at a line's start set
-- half-width (p1: 46 ideographs fill the first line, 「 starts the second); a stop at a line's
-- end set half-width to fit (p2: 46 ideographs and 。 are 47 em on a 46.3 em line); a quarter
-- em between ideographs and Latin or digits with no space in the text (p3); middle dots next
-- to brackets, a comma and each other (p5: a quarter em off each side of the dot, JLREQ cl-05).
return { title = "标点挤压", language = "zh",
  theme = { body_font = "Noto Sans CJK SC", heading_font = "Noto Sans CJK SC", justify = true },
  sections = { section "title_block", section "prose" { paragraphs = {
    "他说：「我们明天出发。」「好的。」经济走廊（中巴）、项目、（一）和（二）。「『双重』引号」。",
    "中巴经济走廊是中国倡议的旗舰项目连接新疆喀什与巴基斯坦瓜达尔港全长约三千公里走廊建设包括公路「走廊」一词在报告中出现了四十余次。",
    "议的旗舰项目连接新疆喀什与巴基斯坦瓜达尔港全长约三千公里走廊建设包括公路铁路油气管道和光缆以。美国对巴基斯坦的援助有所减少。",
    "使用HarfBuzz排版的文本在2023年发布，共有3个版本。",
    "「経済回廊」は、道路（高速道路）や鉄道を含む。『計画』「事業」と呼ばれる。",
    "甲・乙」・「丙・（丁）・・戊、・己。",
  } } } }
