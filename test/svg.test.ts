import type {FeatureCollection, Polygon} from "geojson";
import {describe, expect, it} from "vitest";
import {escapeXml, pathData, renderSvgMap} from "../loaders/svg.js";

const square: Polygon = {type: "Polygon", coordinates: [[[10, 10], [20, 10], [20, 20.04], [10, 20], [10, 10]]]};

describe("maps drawn at build time", () => {
  it("writes relative path data from rounded points, closing rings", () => {
    expect(pathData(square)).toBe("M10,10l10,0 0,10 -10,0z");
  });

  it("drops points that round onto the previous one", () => {
    expect(pathData({type: "LineString", coordinates: [[0, 0], [0.01, 0.02], [1, 1]]})).toBe("M0,0l1,1");
  });

  it("never accumulates rounding drift", () => {
    const points = Array.from({length: 100}, (_, i) => [i * 0.33, 0]);
    const d = pathData({type: "LineString", coordinates: points});
    const total = d.slice(d.indexOf("l") + 1).split(" ").reduce((sum, step) => sum + Number(step.split(",")[0]), 0);
    expect(Math.round(total * 10) / 10).toBe(Math.round(99 * 0.33 * 10) / 10);
  });

  it("renders names as escaped text: a beneficiary called <script> stays text", () => {
    const features: FeatureCollection<Polygon, {nom: string}> = {
      type: "FeatureCollection",
      features: [{type: "Feature", id: "75056", properties: {nom: '<script>alert("x")</script>'}, geometry: square}]
    };
    const svg = renderSvgMap(features, {frame: [100, 100], label: "Carte & légende", fill: () => "#fff", data: (p, id) => ({code: id, nom: p.nom})});
    expect(svg).not.toContain("<script>");
    expect(svg).toContain('data-nom="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"');
    expect(svg).toContain('aria-label="Carte &amp; légende"');
    expect(svg.match(/<path /g)).toHaveLength(1);
  });

  it("escapes the five XML special characters", () => {
    expect(escapeXml(`<a href="x">'&'</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
  });
});
