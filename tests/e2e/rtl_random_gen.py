# rtl_random_gen.py KIND SEED N (rtl_random.sh): N random paragraphs, one per line: KIND ltr, an
# English sentence quoting an Arabic or Urdu phrase; rtl, a vowelled Arabic paragraph with commas
import random, sys
kind, seed, n = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
random.seed(seed)
voc = ["بِسْمِ", "ٱللَّهِ", "ٱلرَّحْمَٰنِ", "ٱلرَّحِيمِ", "مُحَمَّدٌ", "كِتَابٌ", "عَلَى", "مِنْ", "قَالَ",
       "ٱلْحَمْدُ", "رَبِّ", "ٱلْعَالَمِينَ", "السلام", "عليكم", "وَ", "مَدْرَسَةٌ", "فِي", "هُوَ", "إِلَى"]
ur = ["پاکستان", "اردو", "پښتو", "العربية", "زندہ", "باد"]
eng = ["the", "aid", "figures", "show", "marks:", "Pakistan", "said", "in", "2010", "(quoted)",
       "—", "and", "Urdu:", "a", "phrase"]
out = []
for k in range(n):
    if kind == "ltr":  # an English sentence quoting a phrase
        ph = []
        for i in range(random.randint(1, 4)):
            w = random.choice(voc + ur)
            if random.random() < 0.2: w += "،"
            ph.append(w)
        pre = " ".join(random.choice(eng) for _ in range(random.randint(1, 5)))
        post = " ".join(random.choice(eng) for _ in range(random.randint(0, 4)))
        tail = random.choice([".", "", ",", ";", "),", ").", "!?"])
        op = "(" if tail.startswith(")") else ""
        if op: post = ""
        out.append(pre + " " + op + "[" + " ".join(ph) + "]{lang=ar}" + (" " + post if post else "") + tail)
    else:  # a vowelled Arabic paragraph with commas
        ws = []
        for i in range(random.randint(3, 9)):
            w = random.choice(voc)
            if random.random() < 0.25: w += "،"
            ws.append(w)
        out.append(" ".join(ws) + random.choice(["۔", ".", ""]))
print("\n".join(out))
