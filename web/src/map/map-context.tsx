// What pages ask of the one map the shell shows: an overlay to draw (a file being checked,
// its problems), a thematic layer coloured by the page (coverage of change polygons), a shape to zoom to, a parcel to highlight, and fresh tiles after a change.
import type { Map as MapLibre } from 'maplibre-gl';
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';

/**
 * A thematic layer drawn as vector tiles (a layer too large to send whole): polygons from
 * `polygonLayer`, filled by their `colourBy` attribute through `colours` (`fallback` for other
 * values); zoomed out, points from `pointLayer` counting them (`count`), coloured the same way.
 */
export interface ThematicTiles {
  /** Tile URL template with {z}/{x}/{y}, absolute; a new URL reloads the tiles. */
  url: string;
  bounds: [number, number, number, number];
  polygonLayer: string;
  pointLayer: string;
  colourBy: string;
  colours: Record<string, string>;
  fallback: string;
  /** A new version (the data changed) makes the map fetch the tiles again. */
  version?: number;
}

/**
 * A thematic layer drawn above the register: each feature is filled with the colour in its
 * `colour` property (or, as tiles, by `tiles.colourBy`) and outlined darker; a click on one
 * calls `onClick` with its properties (no popup then); the legend lists `legend`. Features are
 * found by their `id` property.
 */
export interface ThematicLayer {
  data?: GeoJSON.FeatureCollection;
  tiles?: ThematicTiles;
  title: string;
  legend: { label: string; colour: string }[];
  selectedId?: string | null;
  onClick?: (properties: Record<string, unknown>) => void;
}

export interface MapRequests {
  overlay: GeoJSON.FeatureCollection | null;
  thematic: ThematicLayer | null;
  /** Zoom to this bounding box [west, south, east, north]; `key` makes a repeat request count. */
  focus: { bbox: [number, number, number, number]; key: number } | null;
  selectedId: string | null;
  tilesVersion: number;
  /** A place marked with a pin ([lng, lat]): the point the public chose. */
  marker: [number, number] | null;
  /** Called with [lng, lat] when the map is clicked, while a page wants a point picked. */
  onPick: ((lngLat: [number, number]) => void) | null;
  /** The live map once its style has loaded (null before, and while it is rebuilt). */
  map: MapLibre | null;
  /** A page is drawing on the map: clicks belong to the drawing, not to popups or picks. */
  drawing: boolean;
}

interface MapControls extends MapRequests {
  setOverlay: (overlay: GeoJSON.FeatureCollection | null) => void;
  setThematic: (layer: ThematicLayer | null) => void;
  focusOn: (geometry: GeoJSON.Geometry | GeoJSON.FeatureCollection | null) => void;
  select: (id: string | null) => void;
  reloadTiles: () => void;
  setMarker: (lngLat: [number, number] | null) => void;
  setPickHandler: (handler: ((lngLat: [number, number]) => void) | null) => void;
  setMap: (map: MapLibre | null) => void;
  setDrawing: (drawing: boolean) => void;
  /** Forget the zoom request (the map went back to the view it had before). */
  clearFocus: () => void;
}

const MapContext = createContext<MapControls | null>(null);

function addPositions(value: unknown, out: number[][]): void {
  if (!Array.isArray(value)) return;
  if (typeof value[0] === 'number') out.push(value as number[]);
  else for (const item of value) addPositions(item, out);
}

/** The bounding box of any GeoJSON, or null when it has no coordinates. */
export function bboxOf(
  geometry: GeoJSON.Geometry | GeoJSON.FeatureCollection,
): [number, number, number, number] | null {
  const positions: number[][] = [];
  if (geometry.type === 'FeatureCollection') {
    for (const f of geometry.features)
      if (f.geometry) addPositions(coordinatesOf(f.geometry), positions);
  } else addPositions(coordinatesOf(geometry), positions);
  if (positions.length === 0) return null;
  const xs = positions.map((p) => p[0] ?? 0);
  const ys = positions.map((p) => p[1] ?? 0);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

function coordinatesOf(geometry: GeoJSON.Geometry): unknown {
  return geometry.type === 'GeometryCollection'
    ? geometry.geometries.map(coordinatesOf)
    : geometry.coordinates;
}

export function MapProvider({ children }: { children: ReactNode }) {
  const [overlay, setOverlay] = useState<GeoJSON.FeatureCollection | null>(null);
  const [thematic, setThematic] = useState<ThematicLayer | null>(null);
  const [focus, setFocus] = useState<MapRequests['focus']>(null);
  const [selectedId, select] = useState<string | null>(null);
  const [tilesVersion, setTilesVersion] = useState(0);
  const [marker, setMarker] = useState<[number, number] | null>(null);
  const [onPick, setPick] = useState<MapRequests['onPick']>(null);
  const [map, setMap] = useState<MapLibre | null>(null);
  const [drawing, setDrawing] = useState(false);
  // A function kept in state is set through an updater that returns it.
  const setPickHandler = useCallback(
    (handler: MapRequests['onPick']) => setPick(() => handler),
    [],
  );
  // The actions keep their identity across renders: pages list them as effect dependencies.
  const focusOn = useCallback((geometry: GeoJSON.Geometry | GeoJSON.FeatureCollection | null) => {
    const bbox = geometry ? bboxOf(geometry) : null;
    if (bbox) setFocus((previous) => ({ bbox, key: (previous?.key ?? 0) + 1 }));
  }, []);
  const reloadTiles = useCallback(() => setTilesVersion((v) => v + 1), []);
  const clearFocus = useCallback(() => setFocus(null), []);
  const value = useMemo<MapControls>(
    () => ({
      overlay,
      thematic,
      focus,
      selectedId,
      tilesVersion,
      marker,
      onPick,
      map,
      drawing,
      setMap,
      setDrawing,
      clearFocus,
      setOverlay,
      setThematic,
      select,
      focusOn,
      reloadTiles,
      setMarker,
      setPickHandler,
    }),
    [
      overlay,
      thematic,
      focus,
      selectedId,
      tilesVersion,
      marker,
      onPick,
      map,
      drawing,
      focusOn,
      reloadTiles,
      setPickHandler,
      clearFocus,
    ],
  );
  return <MapContext.Provider value={value}>{children}</MapContext.Provider>;
}

export function useMapControls(): MapControls {
  const context = useContext(MapContext);
  if (!context) throw new Error('useMapControls outside MapProvider');
  return context;
}
