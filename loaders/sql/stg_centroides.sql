-- Centroid of every commune and Paris arrondissement, taken in the projected plane (loaders/locate.ts).
select niveau, code, longitude, latitude, x_km, y_km from raw_centroides
