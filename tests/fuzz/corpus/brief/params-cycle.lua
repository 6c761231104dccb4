local p = { list = { "a" } } p.self = p p.list.back = p return { title = "t", params = p, sections = { section "prose" { text = p } } }
