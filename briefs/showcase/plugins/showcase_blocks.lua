-- showcase_blocks: the authoring blocks: a block quote with its attribution, a definition
-- list, a pull quote and a boxed recommendations list. Facts from data/SOURCES.md.
return {
  name = "showcase_blocks",
  version = "1.0.0",
  api = 1,
  description = "Blocks: block quote with attribution, definitions, pull quote, recommendations.",
  render = function(s, ctx)
    s:heading("Blocks")
    s:paragraph("The Library of Congress's country study of Pakistan, with data as of April 1994, "
      .. "records how the first long break in the relationship began:")
    s:markdown("> \"All United States military aid and all new civilian commitments ... ended "
      .. "in October 1990.\"\n>\n> --- Library of Congress, *Pakistan: A Country Study*, 1994\n")
    s:paragraph("The bodies and funds that carried the relationship after 2001 were few, and "
      .. "each had its own history:")
    s:definitions {
      { "Coalition Support Fund (CSF)", "Reimbursement of partners' costs in US-led "
        .. "counter-terrorism operations, created in the FY2002 Defense Appropriations; P.L. "
        .. "107-206 (August 2002) made $390 m available." },
      { "International Military Education and Training (IMET)", "Training of foreign officers "
        .. "at US military schools, created in 1976; for Pakistan suspended in 1990, resumed "
        .. "in 2002 and suspended again in August 2018." },
      { "Strategic Dialogue", "The government-wide framework for the relationship, agreed in "
        .. "March 2006 and raised to ministerial level on 24 March 2010." },
    }
    s:pull_quote("Reimbursements for military operations made up 42.6 % of US funds to "
      .. "Pakistan from FY2002 to FY2018: $14.6 bn of $34.2 bn.")
    s:paragraph("The CRS series and ForeignAssistance.gov's obligations measure different "
      .. "things: the first counts the Coalition Support Fund, the second, from 2002 on, "
      .. "appears not to. Three habits follow for anyone writing from them.", { style = "note" })
    s:recommendations {
      items = {
        "Report the Coalition Support Fund apart from aid: it repaid costs and built no capability.",
        "Never add CRS appropriations to ForeignAssistance.gov obligations; cite one series per chart.",
        "Say whether a figure is appropriated, obligated or disbursed, and in which fiscal year.",
      },
    }
  end,
}
