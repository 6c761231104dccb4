return {
  name = "broken_syntax", version = "1.0.0", api = 1,
  render = function(s, ctx)
    s:paragraph("missing a closing parenthesis"
  end,
}
