return { title = "Two columns", theme = { columns = 2, column_gap = 5 }, sections = {
  section "title_block" { summary = "A lead across the page.^[A note on the lead.]" },
  section "prose" { heading = "Notes in columns", paragraphs = {
    "First.^[Note one, with *markup* and [a link](https://example.org).] Then more text to fill the column, and more.",
    "Second.^[A much longer note that runs on and on so that it needs more than one line at the foot of the page, in the small size.]",
    "Third, with an escaped \\^[not a note] and an empty ^[] one." } },
  section "aid_totals" { data = "data/us-aid-pakistan.csv" },
} }
