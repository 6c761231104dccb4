-- maps: the gallery's maps with real borders, from the world briefc ships (Natural Earth).
return {
  name = "maps",
  version = "1.0.0",
  api = 1,
  description = "Maps with real borders: Pakistan in the world, and a locator map with cities.",
  options = {
    cities = { type = "string", default = "data/cities-pakistan-region.csv",
               description = "Cities to mark: name, lon, lat, capital (yes or empty)" },
  },

  render = function(s, ctx)
    local ne = "Natural Earth 1:50m (public domain), shipped with briefc; de facto boundaries."
    local cities = {}
    for _, r in ipairs(ctx:csv(ctx.options.cities)) do
      cities[#cities + 1] = { name = r.name, lon = tonumber(r.lon), lat = tonumber(r.lat),
                              capital = r.capital == "yes" }
    end
    s:heading("Maps with real borders")
    s:chart { kind = "map", map = "world", projection = "natural-earth", highlight = "Pakistan",
      caption = "Pakistan in the world: Natural Earth projection, the shipped world with no download",
      source = ne }
    s:chart { kind = "map", map = "world", projection = "mercator", extent = { 58, 23, 81, 38 }, aspect = 0.72,
      highlight = "Pakistan", labels = true, points = cities,
      caption = "Locator map: Pakistan and its neighbours, with major cities (capitals ringed); "
        .. "labels sit at each country's widest visible point and never overlap",
      source = ne .. " City positions: approximate, rounded to 0.01° (data/MAPS.md)." }
  end,
}
