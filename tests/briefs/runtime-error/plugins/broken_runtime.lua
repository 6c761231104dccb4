local function total(rows)
  return rows.missing.total -- rows.missing is nil
end

return {
  name = "broken_runtime", version = "1.0.0", api = 1,
  render = function(s, ctx)
    s:paragraph("before the error")
    s:paragraph(total(ctx.options))
  end,
}
