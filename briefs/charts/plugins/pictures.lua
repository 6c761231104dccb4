-- pictures: the gallery's images: a photograph (JPEG, public domain) and a diagram drawn in SVG
-- (kept vector, its text set in the brief's fonts), each a numbered figure with alt text.
return {
  name = "pictures",
  version = "1.0.0",
  api = 1,
  description = "A photograph and an SVG diagram of the channels of US aid to Pakistan.",
  options = {},

  render = function(s, ctx)
    s:heading("Images: a photograph and a diagram")
    s:paragraph("Images are placed with s:image: a JPEG or PNG is checked in full and embedded once " ..
      "however often it is used; an SVG is drawn as vector paths, its text in the brief's fonts.")
    s:image { file = "data/photo-rescue-2017.jpg", width = "80%", align = "center", label = "fig-photo",
      alt = "Aerial photograph: a residential neighbourhood under brown floodwater after Hurricane " ..
        "Harvey, rows of houses and trees standing in the water as far as the horizon.",
      caption = "Port Arthur, Texas, under floodwater after Hurricane Harvey, seen during a helicopter " ..
        "rescue mission on 31 August 2017 (a JPEG photograph, 1215 × 810 pixels)",
      source = "U.S. Air National Guard photo by Staff Sgt. Daniel J. Martinez; a work of the US " ..
        "government, public domain (data/SOURCES-photo.md)." }
    s:image { file = "data/aid-channels.svg", width = "100%", label = "fig-channels",
      alt = "Diagram: US aid to Pakistan, FY2002 to FY2018, $34,183 million appropriated, in three " ..
        "channels: economic-related $11,326 million (33.1%; ESF, DA, CSH/GHP, food aid, IDA, MRA, " ..
        "HRDF), security-related $8,284 million (24.2%; FMF, IMET, INCLE, NADR, PCF/PCCF, " ..
        "Section 1206, CN) and Coalition Support Fund reimbursements $14,573 million (42.6%).",
      caption = "The channels of US aid to Pakistan, FY2002–FY2018 (US$ millions, appropriations): " ..
        "an SVG diagram with gradients and reused shapes, drawn as vector paths",
      source = "Congressional Research Service, “Direct Overt U.S. Aid Appropriations for and " ..
        "Military Reimbursements to Pakistan”, 12 Mar 2019 (CRS-2019-03); diagram drawn for briefc (CC0)." }
  end,
}
