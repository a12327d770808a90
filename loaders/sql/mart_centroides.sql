-- The point of each commune and Paris arrondissement for distances and maps: its centroid taken in the
-- projected plane (loaders/locate.ts), in lon/lat and planar km.
select niveau, code, longitude, latitude, x_km, y_km from stg_centroides order by niveau, code
