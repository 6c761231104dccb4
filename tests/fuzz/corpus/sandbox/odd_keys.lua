local t = {} t[t] = t t[1.5] = true t[true] = "a\0b\n" return t
