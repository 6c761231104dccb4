-- The sample brief: the Pakistan–US strategic partnership.
-- Text in our own words from Shah et al. (2021), corrected where the published data show the
-- paper's figures to be wrong (see data/SOURCES.md). Every figure names its source.

local crs = "Congressional Research Service [@crs2013; @crs2014; @crs2019]: the 2013 version "
  .. "for FY2002–FY2008, the 2014 version for FY2009–FY2013, the 2019 version for FY2014–FY2018 "
  .. "and the cumulative totals"

return {
  title = "Aid Without Trust: The Pakistan–US Strategic Partnership",
  subtitle = "What two decades of US money bought, and why the trust gap widened",
  series = "POLICY BRIEF  ·  SOUTH ASIA SECURITY",
  date = "November 2026",
  authors = { "briefc sample brief" },
  keywords = { "Pakistan", "United States", "foreign aid", "Coalition Support Fund", "IMET" },
  subject = "US aid to Pakistan since 2001 and the institutions that managed it",
  language = "en-GB",
  bibliography = "data/references.json",
  citations = "author-year",

  page = { size = "A4", margins = { top = 22, bottom = 22, left = 23, right = 23 } },
  theme = { body_size = 9.8, justify = true },

  params = {},

  sections = {
    section "title_block" {
      logo = { file = "data/logo.svg", width = 40 },
      summary = "After 11 September 2001 Pakistan became one of the largest recipients of US "
        .. "aid: $34.2 bn in appropriations and military reimbursements from FY2002 to FY2018. "
        .. "The money was meant to cement a strategic partnership. Instead, disputes over how it "
        .. "was spent and accounted for opened a trust gap that the partners’ many committees "
        .. "could not close.",
    },

    section "key_facts" {
      aid_data = "data/us-aid-pakistan.csv",
      cumulative = { security = 8284, economic = 11326, csf = 14573, total = 34183 },
      facts = {
        "Pakistan received about **81 %** of all Coalition Support Fund reimbursements paid "
          .. "to coalition partners up to May 2008, some $5.56 bn [@gao2008].",
        "Officer training through IMET cost **$2–5 m a year** [@crs2019], not the $1 bn a year "
          .. "the source paper reports.",
        "The US suspended security assistance in **January 2018** and removed Pakistan from "
          .. "IMET in **August 2018**.",
      },
    },

    -- written in Markdown: headings, lists, tables, and the same [@key] citations
    section "markdown" { file = "text/background.md" },

    section "aid_totals" {
      data = "data/us-aid-pakistan.csv",
      heading = "What the United States gave",
      intro = "The Congressional Research Service publishes the most complete account of US "
        .. "appropriations for Pakistan [@crs2019]; [#aid-table] and [#aid-chart] set it out "
        .. "year by year.^[US federal fiscal years run from 1 October to 30 September: FY2010 "
        .. "began on 1 October 2009.] Coalition Support Fund reimbursements, paid from the "
        .. "Pentagon budget, were the largest single component: $14.6 bn of $34.2 bn from "
        .. "FY2002 to FY2018, or 42.6 %. The paper’s claim that they made up “over a third” "
        .. "of US funds therefore holds.",
      early_total = { label = "FY2002–FY2007", security = 1691, economic = 2728, csf = 5678,
                      total = 10097 },
      cumulative = { security = 8284, economic = 11326, csf = 14573, total = 34183 },
      table_source = crs .. ". Appropriations, not disbursements. *FY2013 CSF is an estimate "
        .. "in the source. CSF for FY2017–FY2018 is not itemised (–) and is excluded from "
        .. "those totals.",
      chart_source = crs .. ". CSF not itemised for FY2017–FY2018.",
      after = "Aid peaked in FY2010, the first year of the Enhanced Partnership Act, and fell "
        .. "steadily after the 2011 crisis in relations. By FY2018, after the January 2018 "
        .. "suspension of security assistance, appropriations were $108 m, a fortieth of the "
        .. "peak.^[Appropriations are what Congress made available in a year; money is "
        .. "obligated and disbursed later, sometimes years later, and not always in full.] The longer record in [#aid-obligations] (page [#aid-obligations:page]) puts "
        .. "these years in context.",
      obligations = {
        data = "data/us-obligations-pakistan-1948-2024.csv",
        intro = "Over the longer run, US obligations to Pakistan have risen and collapsed with "
          .. "the strategic weather: high in the alliance years of the early 1960s, cut off "
          .. "in 1990, and back after 2001. These series come from a different source and, "
          .. "from 2002, appear to exclude CSF, so they do not add up to the CRS figures [@fag2024].",
        caption = "US obligations to Pakistan, 1948–2024 (constant FY2022 dollars)",
        events = {
          { at = "1991", label = "Oct 1990: aid cut off" },
          { at = "2002", label = "FY2002: CSF begins" },
          { at = "2018", label = "Jan 2018: aid suspended" },
        },
        source = "ForeignAssistance.gov, Pakistan, obligations [@fag2024] (1976tq is the "
          .. "transition quarter). Events: [@loc1994; @pl107206; @dawn].",
      },
    },

    section "prose" {
      heading = "Where the source paper’s figures need correcting",
      paragraphs = {
        "The review paper this brief draws on [@shah2021] is a useful map of the "
          .. "partnership’s institutions, but several of its numbers do not survive a check "
          .. "against published data:",
      },
      bullets = {
        "**$73 bn of foreign aid, 1947–2001.** The closest published figure is $73.1 bn of "
          .. "overseas development assistance for 1960–2002 [@zaidi2011]: a different period, "
          .. "and weakly sourced.",
        "**A US share of up to 30 %.** Not corroborated: US obligations for 1960–2002 come to "
          .. "about 15 % of that $73.1 bn.",
        "**$1 bn a year of IMET in FY2002–FY2004.** IMET for Pakistan runs to a few million "
          .. "dollars a year in the CRS tables; the paper’s figure is off by a factor of some "
          .. "two hundred.",
      },
    },

    section "committees" {
      data = "data/committees.csv",
      heading = "Committees and channels",
      intro = "Six bodies carried most of the partnership’s business. Each was meant to build "
        .. "confidence; most ended up recording disagreements.",
      caption = "The bodies of the partnership",
      source = "[@shah2021]; dates from [@dawn], DoD release 692-03, [@pl107206], "
        .. "[@gao2008] and [@crs2019].",
    },

    section "conclusion" {
      heading = "Conclusion: the trust gap",
      before = {
        "Terrorism and extremism can be fought only through co-operation, and co-operation "
          .. "rests on trust. Yet each state pursues its own first priorities: for Pakistan’s "
          .. "security establishment the main threat is India, and militancy on the Afghan "
          .. "border comes second. The trust gap between Washington and Islamabad comes "
          .. "chiefly from two factors:",
      },
      factors = {
        "**Diverted purpose.** Rather than eliminating militant sanctuaries in the border "
          .. "areas, Pakistan used US support to strengthen its capabilities against India.",
        "**No paper trail.** Pakistan kept no written record of how the aid was spent, which "
          .. "left room for mismanagement and corruption and fed US suspicion of every claim.",
      },
      after = {
        "The committees created to channel the money widened the gap instead of closing it, "
          .. "and by tying humanitarian and civil projects to Washington’s tactical goals the "
          .. "partnership disappointed many ordinary Pakistanis. A durable relationship would "
          .. "need verifiable accounting on one side and aims that Pakistan shares on the other.",
      },
    },

    section "references",
  },
}
