// The style's GeoJSON overlays — `preview` (a file or drawing being checked, its problems) and
// `thematic` (a page's own layer) — are drawn only while they hold features. An empty source
// still has tiles, and each tile-clipped layer of another source makes MapLibre draw that
// source's tile masks into the stencil buffer again every frame: in a renderer without a GPU
// the two empty overlays cost the map a frame interval in three (docs/benchmarks.md).
import type { GeoJSONSource, Map as MapLibre } from 'maplibre-gl';

export type OverlaySource = 'preview' | 'thematic';

/** Gives an overlay its features and shows its layers while there are any (style.ts starts them hidden). */
export function setOverlayData(
  map: MapLibre,
  source: OverlaySource,
  data: GeoJSON.FeatureCollection | null | undefined,
): void {
  const collection = data ?? { type: 'FeatureCollection', features: [] };
  void map.getSource<GeoJSONSource>(source)?.setData(collection);
  const visibility = collection.features.length > 0 ? 'visible' : 'none';
  for (const id of map.getLayersOrder())
    if (map.getLayer(id)?.source === source) map.setLayoutProperty(id, 'visibility', visibility);
}
