-- Every published point of a supply source, in planar km, with the commune (and Paris arrondissement)
-- whose contour contains it, null when no commune of the region does (loaders/locate.ts).
select source, _line, longitude, latitude, x_km, y_km, code_commune_point, code_arrondissement_point from raw_points
