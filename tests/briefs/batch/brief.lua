-- A small brief for the batch tests: one paragraph per row; slow > 0 makes the row spin so
-- a test can interrupt it, fail = true makes the plugin fail on that row.
return {
  title = "Batch test",
  params = { name = "x", n = 0, slow = 0, fail = false },
  limits = { instructions = 1e11, seconds = 60, pages = 1 },
  sections = { section "row" },
}
