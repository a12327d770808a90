// Colour-blind-safe palettes. Sequential: ColorBrewer YlGnBu (safe for the three common colour
// vision deficiencies). Categorical: Okabe & Ito (2008), designed for colour-blind readers.
import {schemeYlGnBu} from "d3-scale-chromatic";

export function sequential(n: number): readonly string[] {
  return schemeYlGnBu[Math.max(3, Math.min(9, n))];
}

export const COURONNES: Record<string, {label: string; color: string}> = {
  paris: {label: "Paris", color: "#D55E00"},
  petite_couronne: {label: "Petite couronne (92, 93, 94)", color: "#E69F00"},
  grande_couronne: {label: "Grande couronne (77, 78, 91, 95)", color: "#56B4E9"}
};

/** The fill of "no value" (secret, non diffusé, missing): a neutral grey that no ramp uses. */
export const NO_DATA = "#d9d9d9";

/** Need classes, light = less need, dark = more need: ColorBrewer YlOrRd (colour-blind safe). */
export const NEED = ["#ffffb2", "#fecc5c", "#fd8d3c", "#f03b20", "#bd0026"] as const;
