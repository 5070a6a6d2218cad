// The survey reference layers on the map for government users: land-class polygons coloured by
// their 三大类 category and permanent basic farmland, from the server's vector tiles
// (/tiles/reference/…), drawn under the register's parcels and hidden until switched on.
import type { LayerSpecification, Map as MapLibreMap, SourceSpecification } from 'maplibre-gl';

export type ReferenceLayerId = 'land_class' | 'farmland';

/** Zoom from which the server draws survey polygons (referenceMinZoom on the server). */
export const referenceMinZoom = 11;

export const landClassColours: Record<string, string> = {
  agricultural: '#b5d99c',
  construction: '#e3a993',
  unused: '#d6cfbf',
};
/** Classes outside the three categories (wetland, grassland as a first-level class). */
export const otherLandClassColour = '#a9d3cf';
export const farmlandColour = '#f0c419';

/** The style layers each switch shows or hides. */
export const referenceStyleLayers: Record<ReferenceLayerId, string[]> = {
  land_class: ['ref-land-class-fill', 'ref-land-class-line'],
  farmland: ['ref-farmland-fill', 'ref-farmland-line'],
};

export function referenceSources(origin: string): Record<string, SourceSpecification> {
  const source = (layer: ReferenceLayerId): SourceSpecification => ({
    type: 'vector',
    tiles: [`${origin}/tiles/reference/${layer}/{z}/{x}/{y}.mvt`],
    minzoom: referenceMinZoom,
    maxzoom: 18,
  });
  return { 'ref-land-class': source('land_class'), 'ref-farmland': source('farmland') };
}

export function referenceLayers(): LayerSpecification[] {
  const hidden = { visibility: 'none' } as const;
  return [
    {
      id: 'ref-land-class-fill',
      type: 'fill',
      source: 'ref-land-class',
      'source-layer': 'land_class',
      layout: hidden,
      paint: {
        'fill-color': [
          'match',
          ['coalesce', ['get', 'category'], ''],
          ...Object.entries(landClassColours).flat(),
          otherLandClassColour,
        ] as never,
        'fill-opacity': 0.55,
      },
    },
    {
      id: 'ref-land-class-line',
      type: 'line',
      source: 'ref-land-class',
      'source-layer': 'land_class',
      layout: hidden,
      paint: { 'line-color': '#7a8a70', 'line-width': 0.6 },
    },
    {
      id: 'ref-farmland-fill',
      type: 'fill',
      source: 'ref-farmland',
      'source-layer': 'farmland',
      layout: hidden,
      paint: { 'fill-color': farmlandColour, 'fill-opacity': 0.35 },
    },
    {
      id: 'ref-farmland-line',
      type: 'line',
      source: 'ref-farmland',
      'source-layer': 'farmland',
      layout: hidden,
      paint: { 'line-color': '#a8860b', 'line-width': 1.2, 'line-dasharray': [3, 2] },
    },
  ];
}

/**
 * Adds the reference sources and layers to `map` under the register's parcels (once per
 * map), and shows those in `shown`; `enabled` false (the public) removes them.
 */
export function applyReferenceLayers(
  map: MapLibreMap,
  enabled: boolean,
  shown: ReadonlySet<ReferenceLayerId>,
): void {
  const layers = referenceLayers();
  if (!enabled) {
    for (const layer of layers) if (map.getLayer(layer.id)) map.removeLayer(layer.id);
    for (const id of Object.keys(referenceSources(''))) if (map.getSource(id)) map.removeSource(id);
    return;
  }
  for (const [id, source] of Object.entries(referenceSources(location.origin)))
    if (!map.getSource(id)) map.addSource(id, source);
  for (const layer of layers)
    if (!map.getLayer(layer.id)) map.addLayer(layer, 'temporary-land-fill');
  for (const [id, styleLayers] of Object.entries(referenceStyleLayers) as [
    ReferenceLayerId,
    string[],
  ][])
    for (const layer of styleLayers)
      map.setLayoutProperty(layer, 'visibility', shown.has(id) ? 'visible' : 'none');
}
