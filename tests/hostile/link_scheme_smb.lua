return { name = "link_scheme_smb", version = "1", api = 1, render = function(s, ctx)
  s:markdown("Read [the report](smb://attacker.example/share/report.pdf).")
end }
