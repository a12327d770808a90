// Planar point-in-polygon and centroid in the atlas's projection, on hand-made squares.
import {geoIdentity} from "d3-geo";
import type {MultiPolygon, Polygon} from "geojson";
import {describe, expect, it} from "vitest";
import {planarCentroid, pointLocator} from "../src/lib/geometry.js";
import {idfProjection} from "../src/lib/projection.js";

// A 4 × 4 square with a 2 × 2 hole in its middle, rings counter-clockwise as RFC 7946 writes them
// (d3's spherical geoContains would read such a ring as the rest of the globe).
const square = (x0: number, y0: number, side: number) => [[x0, y0], [x0 + side, y0], [x0 + side, y0 + side], [x0, y0 + side], [x0, y0]];
const withHole: Polygon = {type: "Polygon", coordinates: [square(0, 0, 4), square(1, 1, 2).reverse()]};
const twoParts: MultiPolygon = {type: "MultiPolygon", coordinates: [[square(10, 0, 1)], [square(20, 0, 1)]]};
const identity = geoIdentity() as never;

describe("which polygon contains a point", () => {
  const locate = pointLocator([{key: "A", geometry: withHole}, {key: "B", geometry: twoParts}], identity);

  it("finds the polygon whose exterior ring holds the point, whatever the ring order", () => {
    expect(locate([0.5, 0.5])).toBe("A");
    expect(locate([20.5, 0.5])).toBe("B"); // the second part of a MultiPolygon
  });

  it("does not count a point in a hole", () => {
    expect(locate([2, 2])).toBeNull();
  });

  it("returns null for a point outside every polygon", () => {
    expect(locate([15, 0.5])).toBeNull();
  });
});

describe("centroid in the projected plane", () => {
  it("is the area-weighted centre of the rings, holes removed", () => {
    // Square 4 × 4 minus the central 2 × 2 hole: symmetric, so the centroid stays at (2, 2).
    expect(planarCentroid(withHole, identity)).toEqual([2, 2]);
    // Two unit squares of equal area: halfway between their centres (10.5 and 20.5).
    expect(planarCentroid(twoParts, identity)).toEqual([15.5, 0.5]);
  });

  it("finds a real point of the region in a small square around it with the atlas's projection", () => {
    const around: Polygon = {type: "Polygon", coordinates: [square(2.3, 48.8, 0.1)]};
    const locate = pointLocator([{key: "ici", geometry: around}], idfProjection());
    expect(locate([2.35, 48.85])).toBe("ici");
    expect(locate([2.45, 48.85])).toBeNull();
    expect(locate([-61.17, 14.74])).toBeNull(); // Saint-Pierre-et-Miquelon's published point
  });
});
