return ("a"):rep(50000):find(".-.-.-b"), table.move({}, 1, 1 << 62, 2)
