// The map's style. Offline by default: a plain background and Reclaim's own layers, nothing
// fetched from the internet (no glyphs, no sprites, no remote tiles). With a Tianditu key
// the Tianditu vector or imagery basemap and its labels are added underneath.
import type { LayerSpecification, SourceSpecification, StyleSpecification } from 'maplibre-gl';

export type Basemap = 'offline' | 'vector' | 'imagery';

/** Colours of the lifecycle states (fill); the outline turns red when the term is over. */
export const stateColours: Record<string, string> = {
  approved: '#8fb3d9',
  registered: '#4f8fcf',
  in_use: '#e0a43a',
  expired: '#d9653b',
  reclaiming: '#8bbf5a',
  accepted: '#2f8a46',
  converted: '#8d7bb8',
  written_off: '#9a9a9a',
};

const liveStates = ['approved', 'registered', 'in_use', 'expired'];
export const overdueColour = '#c62828';

/** The overlay layers (thematic-*, preview-*) start hidden: overlay-sources.ts shows them while their source holds features. */
const hiddenWhileEmpty = { visibility: 'none' } as const;

function tiandituLayer(layer: string, key: string): SourceSpecification {
  return {
    type: 'raster',
    tileSize: 256,
    maxzoom: 18,
    attribution: '天地图 © 国家地理信息公共服务平台',
    tiles: [0, 1, 2, 3, 4, 5, 6, 7].map(
      (n) =>
        `https://t${n}.tianditu.gov.cn/${layer}_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=${layer}&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=${encodeURIComponent(key)}`,
    ),
  };
}

export function buildStyle(options: {
  basemap: Basemap;
  tiandituKey: string | null;
  /** The register's tiles as its TileJSON gives them (inline: MapLibre need not fetch it again). */
  tiles: {
    tiles: string[];
    minzoom: number;
    maxzoom: number;
    bounds: [number, number, number, number];
  };
  today: string;
}): StyleSpecification {
  const sources: Record<string, SourceSpecification> = {
    'temporary-land': {
      type: 'vector',
      tiles: options.tiles.tiles,
      minzoom: options.tiles.minzoom,
      maxzoom: options.tiles.maxzoom,
    },
    preview: { type: 'geojson', data: { type: 'FeatureCollection', features: [] } },
    thematic: { type: 'geojson', data: { type: 'FeatureCollection', features: [] } },
  };
  const layers: LayerSpecification[] = [
    { id: 'background', type: 'background', paint: { 'background-color': '#eef1ea' } },
  ];
  const key = options.tiandituKey;
  if (key && options.basemap !== 'offline') {
    const [base, labels] = options.basemap === 'vector' ? ['vec', 'cva'] : ['img', 'cia'];
    sources.basemap = tiandituLayer(base ?? 'vec', key);
    sources.labels = tiandituLayer(labels ?? 'cva', key);
    layers.push({ id: 'basemap', type: 'raster', source: 'basemap' });
    layers.push({ id: 'basemap-labels', type: 'raster', source: 'labels' });
  }
  const overdue: unknown = [
    'all',
    ['has', 'termEnd'],
    ['<', ['get', 'termEnd'], options.today],
    ['in', ['get', 'state'], ['literal', liveStates]],
  ];
  layers.push(
    {
      id: 'temporary-land-fill',
      type: 'fill',
      source: 'temporary-land',
      'source-layer': 'temporary_land',
      paint: {
        'fill-color': [
          'match',
          ['get', 'state'],
          ...Object.entries(stateColours).flat(),
          '#4f8fcf',
        ] as never,
        'fill-opacity': 0.5,
      },
    },
    {
      id: 'temporary-land-line',
      type: 'line',
      source: 'temporary-land',
      'source-layer': 'temporary_land',
      paint: {
        'line-color': ['case', overdue, overdueColour, '#2d4a2d'] as never,
        // Thick outlines while zoomed out, so that parcels of a few hectares stay visible.
        'line-width': [
          'interpolate',
          ['linear'],
          ['zoom'],
          9,
          ['case', overdue, 4, 3],
          14,
          ['case', overdue, 2.5, 1.2],
        ] as never,
      },
    },
    {
      id: 'temporary-land-selected',
      type: 'line',
      source: 'temporary-land',
      'source-layer': 'temporary_land',
      filter: ['==', ['get', 'id'], ''],
      paint: { 'line-color': '#1565c0', 'line-width': 4 },
    },
    {
      // Zoomed out, the tiles count parcels per cell instead (the server's overview layer):
      // a circle growing with the count, coloured by the most common state, outlined red when
      // the term of a parcel that should be gone or reclaiming is over.
      id: 'temporary-land-overview',
      type: 'circle',
      source: 'temporary-land',
      'source-layer': 'temporary_land_overview',
      paint: {
        'circle-color': [
          'match',
          ['get', 'state'],
          ...Object.entries(stateColours).flat(),
          '#4f8fcf',
        ] as never,
        'circle-opacity': 0.75,
        'circle-radius': [
          'interpolate',
          ['linear'],
          ['sqrt', ['get', 'count']],
          1,
          6,
          10,
          13,
          40,
          22,
        ] as never,
        'circle-stroke-color': [
          'case',
          ['all', ['has', 'firstLiveTermEnd'], ['<', ['get', 'firstLiveTermEnd'], options.today]],
          overdueColour,
          '#ffffff',
        ] as never,
        'circle-stroke-width': 2,
      },
    },
    {
      id: 'thematic-fill',
      layout: hiddenWhileEmpty,
      type: 'fill',
      source: 'thematic',
      paint: { 'fill-color': ['get', 'colour'], 'fill-opacity': 0.6 },
    },
    {
      id: 'thematic-line',
      layout: hiddenWhileEmpty,
      type: 'line',
      source: 'thematic',
      paint: { 'line-color': '#263238', 'line-width': 1.5 },
    },
    {
      id: 'thematic-selected',
      layout: hiddenWhileEmpty,
      type: 'line',
      source: 'thematic',
      filter: ['==', ['get', 'id'], ''],
      paint: { 'line-color': '#1565c0', 'line-width': 4 },
    },
    {
      id: 'preview-fill',
      layout: hiddenWhileEmpty,
      type: 'fill',
      source: 'preview',
      filter: ['==', ['geometry-type'], 'Polygon'],
      paint: { 'fill-color': '#1e88e5', 'fill-opacity': 0.3 },
    },
    {
      id: 'preview-line',
      layout: hiddenWhileEmpty,
      type: 'line',
      source: 'preview',
      filter: ['!=', ['geometry-type'], 'Point'],
      paint: {
        'line-color': ['case', ['==', ['get', 'problem'], true], '#d32f2f', '#0d47a1'],
        'line-width': ['case', ['==', ['get', 'problem'], true], 3.5, 2],
        'line-dasharray': [2, 1],
      },
    },
    {
      id: 'preview-problem',
      layout: hiddenWhileEmpty,
      type: 'circle',
      source: 'preview',
      filter: ['==', ['geometry-type'], 'Point'],
      paint: {
        'circle-radius': 8,
        'circle-color': '#d32f2f',
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 2,
      },
    },
  );
  return { version: 8, sources, layers };
}
