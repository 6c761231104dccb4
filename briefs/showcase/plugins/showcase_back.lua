-- showcase_back: the back page with contact details, at the foot of the brief's last page.
return {
  name = "showcase_back",
  version = "1.0.0",
  api = 1,
  description = "The back page: contact details.",
  render = function(s, ctx)
    s:back_page {
      title = "About this showcase",
      lines = {
        "Built with briefc from the files in briefs/showcase/.",
        "Figures: Congressional Research Service; ForeignAssistance.gov.",
        "Sources and caveats: briefs/showcase/data/SOURCES.md.",
        "Questions and corrections: open an issue in the briefc repository.",
      },
    }
  end,
}
