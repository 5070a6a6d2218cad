// The survey reference layers on the map: land-class polygons coloured by their 三大类 category
// and permanent basic farmland for government users, and division boundaries (行政区, loaded by
// the bureau from its survey's XZQ layer) for everyone, the public portal included (boundaries
// are public information), from the server's vector tiles (/tiles/reference/…), drawn under
// the register's parcels. The patch layers are hidden until switched on; the boundaries are on
// by default, at every zoom: dashed grey outlines named by their label, a user's own division
// stronger. No boundary layer loaded, nothing drawn (empty tiles).
// Labels need no glyph server: MapLibre draws text with the browser's fonts when the style
// has no glyphs URL, so this works with the offline style as with Tianditu.
import type {
  ExpressionSpecification,
  LayerSpecification,
  Map as MapLibreMap,
  SourceSpecification,
} from 'maplibre-gl';

export type ReferenceLayerId = 'land_class' | 'farmland' | 'division';

/** What the map shows before the user switches anything: the division boundaries. */
export const defaultReferenceLayers: readonly ReferenceLayerId[] = ['division'];

/** The layers government users may switch on. */
export const governmentReferenceLayers: readonly ReferenceLayerId[] = [
  'division',
  'land_class',
  'farmland',
];
/** The layers everyone else (the public, enterprises) has: the boundaries, public information. */
export const publicReferenceLayers: readonly ReferenceLayerId[] = ['division'];

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
export const boundaryColour = '#7b7b7b';
export const ownBoundaryColour = '#424242';

/** The style layers each switch shows or hides. */
export const referenceStyleLayers: Record<ReferenceLayerId, string[]> = {
  land_class: ['ref-land-class-fill', 'ref-land-class-line'],
  farmland: ['ref-farmland-fill', 'ref-farmland-line'],
  division: ['ref-division-line', 'ref-division-label'],
};

/** Each layer's source in the style. */
export const referenceSourceIds: Record<ReferenceLayerId, string> = {
  land_class: 'ref-land-class',
  farmland: 'ref-farmland',
  division: 'ref-division',
};

export function referenceSources(origin: string): Record<string, SourceSpecification> {
  const source = (layer: ReferenceLayerId, minzoom: number): SourceSpecification => ({
    type: 'vector',
    tiles: [`${origin}/tiles/reference/${layer}/{z}/{x}/{y}.mvt`],
    minzoom,
    maxzoom: 18,
  });
  return {
    [referenceSourceIds.land_class]: source('land_class', referenceMinZoom),
    [referenceSourceIds.farmland]: source('farmland', referenceMinZoom),
    // Boundaries come at every zoom, simplified by zoom on the server.
    [referenceSourceIds.division]: source('division', 0),
  };
}

/**
 * Whether a boundary is the user's own division: its code as delivered (XZQDM) is the user's
 * division code (a county's outline in its own XZQ layer).
 */
function isOwn(ownDivision: string | null): ExpressionSpecification {
  return ['==', ['get', 'code'], ownDivision ?? ''];
}

/** Outline width: the own division strongest, then counties, townships, villages. */
function boundaryWidth(ownDivision: string | null): ExpressionSpecification {
  return [
    'case',
    isOwn(ownDivision),
    3,
    ['match', ['length', ['to-string', ['get', 'code']]], 6, 1.6, 9, 1.1, 0.7],
  ];
}

function boundaryColourOf(ownDivision: string | null): ExpressionSpecification {
  return ['case', isOwn(ownDivision), ownBoundaryColour, boundaryColour];
}

export function referenceLayers(ownDivision: string | null = null): LayerSpecification[] {
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
    {
      id: 'ref-division-line',
      type: 'line',
      source: 'ref-division',
      'source-layer': 'division',
      layout: hidden,
      paint: {
        'line-color': boundaryColourOf(ownDivision),
        'line-width': boundaryWidth(ownDivision),
        'line-dasharray': [4, 2],
      },
    },
    {
      id: 'ref-division-label',
      type: 'symbol',
      source: 'ref-division',
      'source-layer': 'division',
      // The server gives a boundary its label in one tile only: one label per boundary.
      filter: ['has', 'label'],
      layout: { ...hidden, 'text-field': ['get', 'label'], 'text-size': 12 },
      paint: {
        'text-color': boundaryColourOf(ownDivision),
        'text-halo-color': '#ffffff',
        'text-halo-width': 1.5,
      },
    },
  ];
}

/**
 * Adds the sources and style layers of the `available` reference layers to `map` under the
 * register's parcels (once per map) and removes the others', shows those in `shown` and draws
 * `ownDivision`'s boundary stronger.
 */
export function applyReferenceLayers(
  map: MapLibreMap,
  available: readonly ReferenceLayerId[],
  shown: ReadonlySet<ReferenceLayerId>,
  ownDivision: string | null,
): void {
  const layers = referenceLayers(ownDivision);
  const sources = referenceSources(location.origin);
  for (const [id, styleLayers] of Object.entries(referenceStyleLayers) as [
    ReferenceLayerId,
    string[],
  ][]) {
    const sourceId = referenceSourceIds[id];
    if (!available.includes(id)) {
      for (const layer of styleLayers) if (map.getLayer(layer)) map.removeLayer(layer);
      if (map.getSource(sourceId)) map.removeSource(sourceId);
      continue;
    }
    if (!map.getSource(sourceId)) map.addSource(sourceId, sources[sourceId]!);
    for (const layer of layers)
      if (styleLayers.includes(layer.id) && !map.getLayer(layer.id))
        map.addLayer(layer, 'temporary-land-fill');
    for (const layer of styleLayers)
      map.setLayoutProperty(layer, 'visibility', shown.has(id) ? 'visible' : 'none');
  }
  if (!available.includes('division')) return;
  map.setPaintProperty('ref-division-line', 'line-color', boundaryColourOf(ownDivision));
  map.setPaintProperty('ref-division-line', 'line-width', boundaryWidth(ownDivision));
  map.setPaintProperty('ref-division-label', 'text-color', boundaryColourOf(ownDivision));
}
