return { title = "t", limits = { memory_mb = 0/0, seconds = 0/0, instructions = 1/0, pages = -0/0 }, sections = { section "prose" } }
