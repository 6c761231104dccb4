# rtl_random_chk.py PARAS JS (rtl_random.sh): the paragraphs of file PARAS that pdf.js's text JS
# does not hold as written (their markup dropped), one per line
import re, sys
# (the ALMs, U+061C, invisible, that turn a short vowelled word for pdf.js: pdf_fonts.c
# alms_wanted, dropped)
js = " " + " ".join(open(sys.argv[2], encoding="utf-8").read().replace("\u061c", "").split()) + " "
bad = [p for p in open(sys.argv[1], encoding="utf-8").read().split("\n") if p and
       " " + " ".join(re.sub(r"\[([^\]]*)\]\{lang=[a-z]+\}", r"\1", p).split()) + " " not in js]
for p in bad: print(p)
