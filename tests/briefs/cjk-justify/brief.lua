-- cjk-justify — issue 15: justified Chinese and Japanese (tests/e2e/cjk_justify.sh). Every line
-- of a paragraph but its last ends at the measure, stretched between ideographs and kana, never
-- next to full-width punctuation; Latin words keep their own spaces.
return { title = "中巴经济走廊", language = "zh",
  theme = { body_font = "Noto Sans CJK SC", heading_font = "Noto Sans CJK SC", justify = true },
  sections = { section "title_block", section "prose" { paragraphs = {
    "中巴经济走廊是中国“一带一路”倡议的旗舰项目，连接新疆喀什与巴基斯坦瓜达尔港，全长约三千公里。走廊建设包括公路、铁路、油气管道和光缆，以及能源项目和经济特区。截至二〇二三年，已完成的项目为巴基斯坦新增了大量电力装机容量，缓解了长期的电力短缺问题。然而，债务负担、安全风险和透明度不足等问题也引起了国际社会的关注。",
    "美国对巴基斯坦的援助在项目推进期间有所减少，双方关系经历了多次起伏。分析人士认为，华盛顿需要重新评估其在南亚地区的战略（包括对印度和阿富汗的政策），以便更好地应对中国影响力的扩大。「走廊」一词在报告中出现了《四十》余次：投资、贷款、援助！",
    "据 IMF 统计，巴基斯坦的外债在 2022 年超过了 1260 亿美元，其中约三成来自中国贷款和 CPEC 相关项目，美国国会研究服务处的报告也多次提到这一点，并建议加强对地区债务问题的监督。",
    "パキスタンと中国を結ぶ経済回廊は、道路や鉄道、発電所の建設を含む大規模な計画であり、アメリカの政策担当者はその影響を注意深く見守っている。カシュガルからグワダルまでの全長はおよそ三千キロメートルに及ぶ。",
  } } } }
