return ("x"):rep(3000):find("[%"), ("y"):find("%b"), ("z"):find("[]"), ("w"):find("%f"), ("v"):find("(()")
