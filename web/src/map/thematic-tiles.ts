// A page's thematic layer as vector tiles (map-context.tsx, ThematicTiles): a source and four
// layers added to the live map under the GeoJSON thematic layers, and taken off again when the
// page leaves or asks for other tiles. Zoomed out, a click on a counted point zooms in on it.
import type { ExpressionSpecification, Map as MapLibre, MapLayerMouseEvent } from 'maplibre-gl';
import type { ThematicTiles } from './map-context.tsx';
import { parcelZoom } from './parcel-zoom.ts';

export const thematicTilesSource = 'thematic-tiles';
export const thematicTilesFill = 'thematic-tiles-fill';
export const thematicTilesSelected = 'thematic-tiles-selected';
export const thematicTilesPoints = 'thematic-tiles-points';
const thematicTilesLine = 'thematic-tiles-line';

const layerIds = [thematicTilesFill, thematicTilesLine, thematicTilesSelected, thematicTilesPoints];

/** The fill colour of a feature: `colours[feature[colourBy]]`, else the fallback. */
function colourOf(tiles: ThematicTiles): ExpressionSpecification {
  const pairs = Object.entries(tiles.colours).flat();
  if (pairs.length === 0) return ['literal', tiles.fallback];
  // MapLibre's type spells out each arity of `match`; a spread list of pairs fits none of them.
  return ['match', ['get', tiles.colourBy], ...pairs, tiles.fallback] as never;
}

/**
 * Adds the tiles' source and layers (below `beforeId`), the selected feature outlined; returns
 * what takes them off again.
 */
export function addThematicTiles(
  map: MapLibre,
  tiles: ThematicTiles,
  selectedId: string,
  beforeId: string,
): () => void {
  map.addSource(thematicTilesSource, {
    type: 'vector',
    tiles: [tiles.url],
    bounds: tiles.bounds,
    minzoom: 0,
    maxzoom: 18,
  });
  const source = { source: thematicTilesSource };
  const polygons = { ...source, 'source-layer': tiles.polygonLayer };
  map.addLayer(
    {
      id: thematicTilesFill,
      type: 'fill',
      ...polygons,
      paint: { 'fill-color': colourOf(tiles), 'fill-opacity': 0.6 },
    },
    beforeId,
  );
  map.addLayer(
    {
      id: thematicTilesLine,
      type: 'line',
      ...polygons,
      paint: { 'line-color': '#263238', 'line-width': 1.5 },
    },
    beforeId,
  );
  map.addLayer(
    {
      id: thematicTilesSelected,
      type: 'line',
      ...polygons,
      filter: ['==', ['get', 'id'], selectedId],
      paint: { 'line-color': '#1565c0', 'line-width': 4 },
    },
    beforeId,
  );
  map.addLayer(
    {
      id: thematicTilesPoints,
      type: 'circle',
      ...source,
      'source-layer': tiles.pointLayer,
      paint: {
        'circle-color': colourOf(tiles),
        'circle-opacity': 0.8,
        'circle-radius': ['interpolate', ['linear'], ['sqrt', ['get', 'count']], 1, 6, 30, 22],
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 2,
      },
    },
    beforeId,
  );
  const zoomIn = (event: MapLayerMouseEvent) =>
    map.easeTo({ center: event.lngLat, zoom: Math.max(map.getZoom() + 2, parcelZoom) });
  map.on('click', thematicTilesPoints, zoomIn);
  return () => {
    map.off('click', thematicTilesPoints, zoomIn);
    for (const id of layerIds) if (map.getLayer(id)) map.removeLayer(id);
    if (map.getSource(thematicTilesSource)) map.removeSource(thematicTilesSource);
  };
}

/** Tiles' bounds [west, south, east, north] as a polygon a page can focus the map on. */
export function boundsPolygon([w, s, e, n]: [number, number, number, number]): GeoJSON.Polygon {
  return {
    type: 'Polygon',
    coordinates: [
      [
        [w, s],
        [e, s],
        [e, n],
        [w, n],
        [w, s],
      ],
    ],
  };
}
