return { title = "Data edge cases", sections = { section "probe" } }
