---@meta briefc
-- Type definitions of the briefc plugin API (API level 1), for lua-language-server.
-- Editors that read .luarc.json at the project root complete and check plugin code with it.
-- A unit test fails when a method the host registers is missing here: keep them in step.

---@class Plugin
---@field name string        # the plugin's name, as sections name it: section "aid_totals"
---@field version string     # the plugin's own version, e.g. "1.0.0"
---@field api integer        # the API level the plugin was written for (1)
---@field description? string
---@field options? table<string, PluginOption>  # the options a brief may give the section
---@field render fun(s: Section, ctx: Context)  # builds the section

---One declared option of a plugin: the host checks a section's options against these before
---render runs, fills in defaults, and `briefc plugins NAME` prints them.
---@class PluginOption
---@field type? "string"|"number"|"integer"|"boolean"|"table"|"list"  # checked; any type when absent
---@field default? any                     # used when the brief gives none
---@field required? boolean                # the brief must give it
---@field description? string              # one line for `briefc plugins NAME`

---The brief: the table brief.lua returns.
---@class Brief
---@field title string
---@field subtitle? string
---@field series? string                   # a label above the title, e.g. "POLICY BRIEF"
---@field date? string                     # "2026-11-28", "2026-11" or free text
---@field authors? string|string[]
---@field keywords? string|string[]
---@field language? string                 # BCP 47, e.g. "en-GB": hyphenation and the PDF's language
---@field subject? string                 # title, subtitle, series, date, authors, keywords, subject: {param} is filled from params ("FY{year}")
---@field page? BriefPage
---@field theme? Theme
---@field params? table<string, string|number|boolean>  # defaults; -D key=value and batch rows override
---@field limits? BriefLimits
---@field sections table[]                 # section "name" { options }, in order
---@field bibliography? string             # a CSL-JSON file in the brief's folder
---@field citations? "author-year"|"numeric"
---@field images? BriefImages

---@class BriefPage
---@field size? "A4"|"Letter"|"A5"|"Legal"|{ [1]: number, [2]: number } # default A4; {width, height} in mm, 74 to 1189
---@field orientation? "portrait"|"landscape"
---@field margins? number|{ top?: number, bottom?: number, left?: number, right?: number, inner?: number, outer?: number }  # millimetres, 5 to 60; inner/outer: a bound brief, mirrored on even pages
---@field first? { top?: number, header?: boolean }  # the first page's top margin (mm, 5 to 200), and its running header (default none)

---The brief's look. Colours are "#rrggbb".
---@class Theme
---@field body_font? string                # a file prefix ("NotoSerif") or a family name ("Noto Serif"): the brief's fonts/, the shipped ones, then fontconfig
---@field heading_font? string
---@field code_font? string
---@field body_size? number                # points, 6 to 16
---@field leading? number                  # line height / size, 1.0 to 2.5
---@field justify? boolean
---@field columns? 1|2
---@field column_gap? number               # millimetres, 2 to 30
---@field text? string
---@field accent? string
---@field muted? string
---@field rule? string
---@field fill? string
---@field palette? string[]                # chart series colours, in order
---@field charts? "colour"|"mono"|ThemeCharts
---@field table_zebra? boolean             # shade every other table row
---@field table_style? "ruled"|"booktabs"  # booktabs: black top, middle and bottom rules, no shading
---@field heading_numbers? boolean|"1.1"|"I.A"  # false: unnumbered headings (cross-references read their title)
---@field heading_sizes? { [1]: number, [2]: number, [3]: number }  # points, 6 to 36, levels 1 to 3
---@field header? RunningSlots|{ rule?: boolean, logo?: { file: string, width?: number } } # running header: slots, a hairline under it (default true), a logo (PNG, JPEG, SVG; mm wide)
---@field footer? RunningSlots             # default { centre = "{page} / {pages}" }, first = true
---@field title_size? number               # the title block's title, points, 10 to 48 (default 22)
---@field heading_colour? string           # headings of every level (default: level 1 the accent, others the text)
---@field unnumbered? string[]             # heading texts never numbered, e.g. { "Summary" }
---@field caption_position? "above"|"below" # table and figure captions (default above)
---@field caption_numbers? boolean         # "Table 1 — " before captions (default true)
---@field table_font? "body"|"heading"     # the table cells' font (default body)
---@field table_size? number               # the table cells' size, points, 5 to 14 (default 8.5)
---@field table_header_fill? string        # shading behind the header rows (default none)
---@field table_header_text? string        # the header rows' text colour (default text)
---@field nocite? string[]|"*"             # bibliography keys listed though no text cites them; "*": all

---A running header's or footer's three slots: text with {title}, {subtitle}, {date}, {series},
---{authors}, {page}, {pages} and the brief's params ({year}); "{{" is a brace. On a bound
---brief left and right swap on odd pages (left is the outer edge).
---@class RunningSlots
---@field left? string
---@field centre? string
---@field right? string
---@field first? boolean                   # on the first page too (header default false, footer true)

---What one build of the brief may use; exceeding one is an error naming it.
---@class BriefLimits
---@field instructions? number             # Lua instructions per section, 1e5 to 1e12
---@field memory_mb? number                # 8 to 65536
---@field seconds? number                  # 0.1 to 3600
---@field pages? integer                   # 1 to 1000000

---Photos placed finer than max_dpi are downsampled (area average) and re-encoded: a JPEG at
---jpeg_quality, a PNG losslessly; CMYK JPEGs and SVGs are left as they are. Cached on disk.
---@class BriefImages
---@field max_dpi? number                  # 36 to 2400, e.g. 300; none: images are embedded as they are
---@field jpeg_quality? number             # 10 to 100 (default 85), for the downsampled JPEGs

---Inline markup accepted by every text argument:
---`**bold**`, `*italic*`, `***bold italic***`, `[link text](https://…)`, `` `code` `` (mono,
---literal), `^sup^` (superscript, no spaces inside), `^[a footnote]` (numbered, set at the foot
---of its page), `\*` `` \` `` `\^` for the literal character;
---citations `[@key]`, `[@key, p. 4; @other]` (from the brief's bibliography);
---cross-references `[#label]` ("Table 2") and `[#label:page]` (its page number);
---`[texte]{lang=fr}` for words in another language (a BCP 47 tag; a Span with /Lang).
---Plain quotes, `--`, `---` and `...` become typographic; a number and its unit stay together.
---@alias Markup string|number

---@class TableColumn
---@field title Markup
---@field align? "left"|"right"|"center"|"decimal"  # columns of numbers line up on the decimal point unless a column says otherwise
---@field width? number                    # relative width, 0 to 1000; give none for widths from content
---@field decimals? integer                # 0 to 10; default: what the column's numbers need
---@field unit? string                     # after each number of the column ("130.5 m")

---A cell spanning columns or rows: its text first.
---@class TableCell
---@field [1] Markup|nil
---@field colspan? integer                 # 1 to the columns left
---@field rowspan? integer                 # 1 to the rows left (header rows: down into the titles)

---@class TableRow: { [integer]: Markup|TableCell|nil }
---@field strong? boolean                  # emphasised row, e.g. a total
---@field group? Markup                    # a group heading across the table (the row has no cells)
---@field subtotal? boolean                # a subtotal: bold, under a hairline

---@class TableSpec
---@field caption? Markup                  # "Table N — caption" above the table
---@field columns (Markup|TableColumn)[]
---@field rows TableRow[]                  # nil cells print as an en dash; numbers finite, within ±1e15
---@field headers? (Markup|TableCell)[][]   # column-header rows above the column titles, up to 8
---@field style? "ruled"|"booktabs"        # default: the theme's table_style
---@field width? "auto"|"full"             # auto: a narrow table keeps its natural width
---@field source? Markup                   # "Source: …" under the table
---@field label? string                    # for [#label] cross-references ("Table 2")

---@class ThemeCharts
---@field style? "colour"|"mono"
---@field legend? "top"|"right"|"bottom"|"none" # charts that leave legend unset
---@field value_labels? "none"|"all"|"last"|"max"|"ends"|"highlighted" # bars labelled where a chart leaves value_labels unset

---@class ChartSeries
---@field name string
---@field values (number|nil)[]            # one per category, finite, within ±1e15 (log: from 1e-300); nil is a gap
---@field axis? "left"|"right"             # bar and line charts: "right" reads off a second axis
---@field facet? string                    # small multiples: the panel this series is drawn in
---@field mark? "bar"|"line"              # kind = "bar": "line" draws this series as a line over the bars

---@class ChartPoint
---@field x number
---@field y number
---@field label? string                    # set beside the dot where it covers nothing
---@field series? string                   # its series: every point names one or none; each series its colour, shape and legend entry

---@class ChartAnnotation
---@field x string|number                  # a category (a scatter: an x value)
---@field y number                         # on the (left) value axis
---@field text string                      # placed clear of the marks, with a leader line
---@field panel? string                    # small multiples: the facet it is drawn in (required there)

---@class ChartDecimals
---@field labels? integer                  # value and reference labels, 0 to 10
---@field x? integer                       # a scatter's x axis ticks
---@field y? integer                       # the value axis ticks
---@field y2? integer                      # the right-hand axis ticks

---@class ChartEvent
---@field at string|number                 # the category the marker stands at
---@field label string
---@field offset? number                   # fraction of a category to shift the marker, -0.5 to 0.5

---@class ChartReference
---@field value number                     # a horizontal (or, for hbar and dot, vertical) line
---@field label? string                    # defaults to the formatted value

---@class ChartSpec
---@field kind? "bar"|"hbar"|"line"|"area"|"donut"|"dot"|"map"|"scatter"|"range"|"dumbbell"  # default "bar"; "map": see MapSpec
---@field stacked? boolean|"percent"       # bars and areas: stack the series; "percent": to 100 %
---@field caption? Markup                  # "Figure N — caption" above the chart
---@field categories (string|number)[]     # year-like categories are labelled on round years
---@field series ChartSeries[]             # a donut takes one series: its categories are slices
---@field format? "number"|"money"|"percent" # value labels: "1,204", "$1.2 bn" (values in US$ m), "30 %"
---@field legend? "top"|"right"|"bottom"|"none"|"direct" # "direct": labels at line ends
---@field markers? boolean                 # lines: a marker at each point
---@field value_labels? boolean|(string|number)[] # bars, ranges, dumbbells: values on each (or on the listed categories only)
---@field log? boolean                     # logarithmic value axis (positive values only)
---@field mono? boolean                    # grays and hatch patterns; default from theme.charts
---@field highlight? (string|number)[]     # categories drawn in full colour, the rest muted
---@field x_title? string                  # under the category axis
---@field y_title? string                  # the value axis' unit, shown above it
---@field alt? string                      # read aloud for the chart (default: from its data)
---@field aspect? number                   # height / width, 0.1 to 2 (default 0.5)
---@field label_every? integer             # label every n-th category, 1 to 10000 (default 0: as many as fit)
---@field events? ChartEvent[]             # dated markers: a dashed line and a label
---@field references? ChartReference[]     # reference lines, e.g. a target
---@field label? string                    # for [#label] cross-references ("Figure 2")
---@field source? Markup
---@field decimals? integer|ChartDecimals  # a number: the value labels' decimals
---@field points? ChartPoint[]             # kind = "scatter" (instead of categories and series)
---@field trend? boolean|"equation"        # scatter: the least-squares line (and its equation, R²)
---@field y2_title? string                 # the right-hand axis' unit (a series with axis = "right")
---@field y2_format? "number"|"money"|"percent" # the right-hand axis' format (default: format)
---@field annotations? ChartAnnotation[]   # notes on points, with leader lines
---@field facet? "series"                  # small multiples: a panel per series (or each series' facet)
---@field facet_columns? integer           # panels a row, 1 to 6 (default up to 3)
---@field span? boolean                    # two columns: false sets the chart inside one column

---A map: s:chart{kind = "map", …}. Regions come from a GeoJSON or TopoJSON file in the brief
---folder (geo) or from the shipped world (map = "world"). With data it is a choropleth; without,
---a locator map.
---@class MapSpec
---@field kind "map"
---@field geo? string                      # GeoJSON or TopoJSON: Polygon and MultiPolygon regions
---@field geojson? string                  # the same as geo
---@field map? "world"                     # Natural Earth's countries at 1:50m, shipped with briefc
---@field object? string                   # the TopoJSON object to read (default: the first)
---@field regions? string[]                # keep only these regions
---@field extent? number[]                 # {west, south, east, north}: the part of the world the frame shows
---@field data? table[]                    # rows, as ctx:csv gives them
---@field key? string                      # the row field naming a region (required with data)
---@field value? string                    # the row field with its value (nil or "" for none)
---@field geo_key? string                  # the property naming a region (default "name"; "id" for TopoJSON ids)
---@field projection? "equirectangular"|"mercator"|"natural-earth"|"albers"|"orthographic"
---@field centre? number[]                 # {lon, lat}: orthographic's point of view; Albers' central meridian (lon)
---@field parallels? number[]              # {south, north}: Albers' standard parallels (default 1/6 in from the extent's edges)
---@field breaks? "equal"|"quantile"|"jenks"|number[] # class breaks (default: nice equal steps)
---@field classes? integer                 # 1 to 9
---@field highlight? string|string[]       # regions in the accent colour (a locator map)
---@field points? MapPoint[]               # places marked, labelled where a label fits
---@field labels? boolean                  # region names at their widest point, where they fit
---@field title? string                    # the value's name in the legend (default: value)
---@field legend? "auto"|"none"
---@field caption? Markup
---@field source? Markup
---@field label? string
---@field alt? string                      # default: written from the data, or from what a locator shows
---@field aspect? number                   # default: the regions' (or the extent's) own shape
---@field mono? boolean

---@class MapPoint
---@field name string
---@field lon number
---@field lat number
---@field capital? boolean                 # a ringed dot and a bold label

---@class ImageSpec
---@field file string                      # a PNG, JPEG (at most 100 megapixels) or SVG inside the brief folder
---@field alt? string                      # what the image shows, for readers who cannot see it; required unless decorative
---@field decorative? boolean              # no alt text: the image carries no information
---@field caption? Markup                  # "Figure N — caption" above the image; numbers it
---@field source? Markup
---@field width? number|string             # millimetres, or a share of the measure such as "50%" (default: the measure, or from height)
---@field height? number                   # millimetres (default: from the aspect ratio)
---@field fit? "contain"|"cover"           # with width and height: the whole image inside the box, or the box filled and the rest clipped
---@field span? boolean                    # two-column body: across both columns
---@field align? "left"|"center"|"right"   # default "center"
---@field label? string                    # for [#label] cross-references ("Figure 2"); needs a caption

---@class ImageLogo
---@field file string                      # a PNG, JPEG or SVG inside the brief folder
---@field width? number                    # millimetres (default 30)

---@class CalloutSpec
---@field title? Markup
---@field items Markup[]

---@class TitleSpec
---@field title? Markup                    # defaults to the brief's title
---@field subtitle? Markup                 # defaults to the brief's subtitle
---@field meta? Markup                     # defaults to "authors · date"
---@field logo? ImageLogo                  # drawn at the top right of the title block

---The section builder: each call appends to the section, in order.
---It is only valid while render runs.
---@class Section
local Section = {}

---The brief's title block: series label, title, subtitle, authors and date, and a rule.
---@param spec? TitleSpec
function Section:title(spec) end

---A numbered heading ("2", "2.1", "2.1.3"), kept with what follows it and bookmarked.
---@param text Markup
---@param opts? { level?: 1|2|3, label?: string }  # label: for [#label] cross-references
function Section:heading(text, opts) end

---A paragraph of body text, justified as the theme says.
---@param text Markup
---@param opts? { style?: "body"|"lead"|"note" }
function Section:paragraph(text, opts) end

---A bulleted or numbered list.
---@param items Markup[]
---@param opts? { numbered?: boolean }
function Section:list(items, opts) end

---A table with a header row repeated on every page it spans.
---@param spec TableSpec
function Section:table(spec) end

---A chart drawn as vector graphics, its labels real text.
---@param spec ChartSpec|MapSpec
function Section:chart(spec) end

---A PNG, JPEG or SVG image (SVG kept as vectors), kept whole on a page, its height from its aspect ratio; numbered as a
---figure when it has a caption. JPEGs are embedded as they are; each image once per PDF.
---@param spec ImageSpec
function Section:image(spec) end

---A shaded box, e.g. key facts, kept whole on one page.
---@param spec CalloutSpec
function Section:callout(spec) end

---A ruled box of numbered items, "Recommendations" unless titled; kept whole on a page.
---@param spec { title?: Markup, items: Markup[] }
function Section:recommendations(spec) end

---A definition list: each term in bold, its meaning indented under it.
---@param entries { [1]: Markup, [2]: Markup }[]
function Section:definitions(entries) end

---A sentence drawn out large, in italic between two rules; never split across pages.
---@param text Markup
function Section:pull_quote(text) end

---What follows in this section goes on landscape pages (the paper turned), with the running
---header across them; the section's end, or s:portrait(), turns back. One-column briefs.
function Section:landscape() end

---Back to portrait pages within the section (after s:landscape()).
function Section:portrait() end

---The section's language, a BCP 47 tag ("fr", "fr-CA", "ur-PK"), as `language = "fr"` in the
---brief's section declaration sets it: its structure elements carry /Lang, its words are
---hyphenated, spaced and shaped for it. Call it anywhere in render; the later setting wins.
---A tag that is not BCP 47 is an error at the call's line.
---@param tag string
function Section:language(tag) end

---Contact details at the foot of the brief's last page: a page of its own, an even one (a
---blank page is added before it when needed), bare of running header and page number.
---@param spec { title?: Markup, lines: Markup[] }
function Section:back_page(spec) end

---Vertical space in points, 0 to 1000.
---@param points number
function Section:space(points) end

---Starts a new page.
function Section:page_break() end

---A table of contents: one line per heading down to depth, with dot leaders and page numbers
---(filled in by a second layout pass), each line linking to its heading. The title is by
---default "Contents" in the section's language ("Table des matières", "فہرست").
---@param spec? { title?: Markup, depth?: 1|2|3 }
function Section:contents(spec) end

---The reference list: the entries of the brief's bibliography that the text cites, sorted
---(author–year) or in citation order (numeric), each a target of its citations' links. The
---title is by default "References" in the section's language ("Références", "حوالہ جات").
---@param spec? { title?: Markup }
function Section:bibliography(spec) end

---Prose written in Markdown (CommonMark with GitHub tables): `#`, `##`, `###` headings
---(numbered like s:heading; `# Title {#label}` labels one), paragraphs, `*emphasis*`,
---`**strong**`, `` `code` ``, `[links](https://…)`, `> block quotes` (indented, italic; a
---last `> --- Name` paragraph is the attribution), ordered and unordered lists nested up to
---three levels (1., a., i.), and tables (`| a | b |` over
---`|---|--:|`), with a `Table: caption {#label}` paragraph just before or after and a
---`Source: …` paragraph just after; GitHub footnotes (`text[^1]`, `[^1]: note`) are set as
---footnotes. briefc's inline markup works inside it: footnotes `^[…]`,
---citations `[@key]`, cross-references `[#label]`, and the same typography.
---Raw HTML, images, code blocks and `####` headings are errors naming the line.
---Nothing is added unless the whole text is good.
---@param text string|MarkdownFile         # Markdown, or ctx:markdown_file(path) for errors at "file.md:line"
function Section:markdown(text) end

---A Markdown file read by ctx:markdown_file: pass it to s:markdown.
---@class MarkdownFile
---@field file string                      # the path, as given (errors name it)
---@field text string                      # its content, UTF-8

---@class Meta
---@field title string
---@field subtitle? string
---@field series? string
---@field date? string
---@field authors? string                  # joined with ", "
---@field keywords? string
---@field language? string
---@field subject? string

---A row of a CSV file: column name -> value; numbers are numbers, empty cells are nil.
---@alias CsvRow table<string, string|number|nil>

---What render gets besides the builder.
---@class Context
---@field meta Meta                        # the brief's metadata
---@field params table<string, any>        # the brief's params, after -D overrides
---@field options table<string, any>       # this section's options: section "name" { … }
---@field section string                   # the plugin's name
---@field api integer                      # the host's API level
local Context = {}

---Reads a CSV file (RFC 4180) from the brief's folder: a list of rows keyed by the header,
---plus `columns`, the header in order. A column without a declared type is typed a number
---only when a double keeps it exactly (`08123` stays text); `opts.types` declares columns
---"string", "integer" or "number", and a value that does not fit is an error at
---file:line:column. `opts.encoding` reads "windows-1252" or "latin-1" files; undeclared
---invalid UTF-8 is an error naming the line and byte.
---@param path string                      # relative to the brief's folder
---@param opts? CsvOptions
---@return CsvRow[] | { columns: string[] }
function Context:csv(path, opts) end

---@class CsvOptions
---@field types? table<string, "string"|"integer"|"number">  # column name -> type
---@field encoding? "utf-8"|"windows-1252"|"latin-1"        # the file's encoding (default "utf-8")

---Runs one read-only SQL query against an SQLite file of the brief's folder: a list of rows
---keyed by column name, plus `columns` in order, as ctx:csv gives them. `?` in the query take
---the values after it, in order. Only reading is allowed (no ATTACH, PRAGMA or writes), one
---statement per call; a query past 200 million steps or 10 seconds is stopped.
---@param path string                      # relative to the brief's folder
---@param query string                     # e.g. "select year, total from aid where year >= ?"
---@param ... number|string|boolean|nil    # the values of the query's ? parameters
---@return table[] | { columns: string[] }
function Context:sql(path, query, ...) end

---Reads a Stata (.dta), SPSS (.sav, .zsav, .por) or SAS (.sas7bdat, .xpt) file of the brief's
---folder into rows as ctx:csv gives them, plus `columns` (in the file's order) and `labels`
---(column -> {code = label}) and `column_labels` (column -> its variable label). Whole numbers
---are integers, missing values nil, dates ISO text.
---ReadStat parses the file in an isolated child process, stopped after 10 seconds.
---@param path string                      # relative to the brief's folder
---@param opts? StatOptions
---@return table[] | { columns: string[], labels: table<string, table>, column_labels: table<string, string> }
function Context:stat_file(path, opts) end

---@class StatOptions
---@field columns? string[]                 # only these columns (default: all)
---@field limit? integer                    # at most this many rows (1 to 1,000,000)
---@field labels? boolean                   # value labels in place of codes (default true)
---@field dates? boolean                    # dates as ISO text (default true)

---Reads a JSON file from the brief's folder: objects and arrays as tables (arrays also carry
---`n`, their length, nulls included), null as nil. Invalid JSON is an error naming line and
---column.
---@param path string
---@return any
function Context:json(path) end

---Reads a UTF-8 text file from the brief's folder.
---@param path string
---@return string
function Context:read_text(path) end

---Reads a Markdown file from the brief's folder for s:markdown, which then reports errors at
---the file's own lines: `s:markdown(ctx:markdown_file("text/background.md"))`.
---@param path string                      # relative to the brief's folder
---@return MarkdownFile
function Context:markdown_file(path) end

---Prints a warning with this plugin's file and line; the build goes on.
---@param message string
function Context:warn(message) end

---Number formatting for briefs. Results use a real minus sign and no-break spaces
---between a number and its unit, so "42.6 %" never breaks across lines.
fmt = {}

---"1,234,567" or, with decimals, "1,234.5".
---@param x number                       # finite, within ±1e15
---@param decimals? integer                # 0 to 10
---@return string
function fmt.number(x, decimals) end

---Money given in US$ millions: "$590 m", "$1.2 bn".
---@param millions number                # finite, within ±1e15
---@param decimals? integer                # 0 to 10
---@return string
function fmt.money(millions, decimals) end

---A fraction as a percentage: 0.426 -> "42.6 %".
---@param fraction number                # finite, within ±1e13
---@param decimals? integer                # 0 to 10, default 1
---@return string
function fmt.percent(fraction, decimals) end

---"FY2008–FY2018" from fmt.range(2008, 2018, "FY"); one value when first equals last.
---@param first string|number
---@param last string|number
---@param prefix? string
---@return string
function fmt.range(first, last, prefix) end

---"28 November 2026" from "2026-11-28"; styles "long" (default), "short" ("28 Nov 2026"),
---"month" ("November 2026"). "2026-11" gives "November 2026".
---@param iso string
---@param style? "long"|"short"|"month"
---@return string
function fmt.date(iso, style) end

---Declares a section in brief.lua: `section "name"` or `section "name" { options }`.
---@param plugin string
---@return fun(options: table): table
function section(plugin) end

---Loads a house style in brief.lua: `theme = require_theme("house")`. Looks for house.lua in
---the brief's themes/ folder, then each folder of $BRIEFC_THEMES, then themes/ of the data
---folder (BRIEFC_HOME or share/briefc); the file runs in the sandbox and returns a Theme table. overrides are
---merged over it key by key (header, footer and other tables of settings merged; lists
---replaced). A house style may itself build on another with require_theme.
---@param name string                      # the file's name without .lua: letters, digits, - and _
---@param overrides? Theme
---@return Theme
function require_theme(name, overrides) end
