rawset(string, "x", 1) return string
