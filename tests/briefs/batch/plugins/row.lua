return {
  name = "row", version = "1.0.0", api = 1, description = "One row's paragraph.",
  render = function(s, ctx)
    local p = ctx.params
    if p.fail then error("this row is meant to fail (n = " .. p.n .. ")") end
    local spin = 0
    for i = 1, p.slow * 1e7 do spin = spin + i end
    s:paragraph(string.format("Row %d for **%s**.", p.n, p.name))
  end,
}
