// A page's thematic layer as vector tiles from a TileJSON the API answers (the enforcement and
// back-fill reviews): the layer for the map once the TileJSON is read, its bounds for focusing,
// and a refresh after the page changed the data (the map fetches the tiles again); and moving
// the map to a filtered list's polygons once.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useMapControls, type ThematicTiles } from '../map/map-context.tsx';
import { boundsPolygon } from '../map/thematic-tiles.ts';
import { useApi } from './use-api.ts';

/** Which layers of the tiles a page draws and how it colours them. */
export type TileLayers = Omit<ThematicTiles, 'url' | 'bounds' | 'version'>;

/** What a page reads of a TileJSON. */
interface TileJsonDocument {
  tiles: string[];
  bounds: [number, number, number, number];
}

/** @param layers a constant (a new object each render would rebuild the layer) */
export function useTileJson(url: string, layers: TileLayers) {
  const tileJson = useApi<TileJsonDocument>(url);
  const [version, setVersion] = useState(0);
  // Only the current URL's answer: another filter's tiles must not be drawn as this one's.
  const current = tileJson.fresh ? tileJson.data : null;
  const tiles = useMemo<ThematicTiles | null>(() => {
    const template = current?.tiles[0];
    if (!current || !template) return null;
    return { ...layers, url: template, bounds: current.bounds, version };
  }, [current, layers, version]);
  const refresh = useCallback(() => setVersion((v) => v + 1), []);
  return { tiles, bounds: current?.bounds ?? null, error: tileJson.error, refresh };
}

/**
 * Moves the map to the bounds of a list's polygons once per list key (filter, county), when
 * both the bounds and the list's current answer are in; not when the list is empty (the
 * bounds are then all of China's), and not while `paused` (an open polygon has the map).
 */
export function useFocusOnList(
  bounds: [number, number, number, number] | null,
  list: { fresh: boolean; data: { total: number } | null },
  listKey: string,
  paused = false,
): void {
  const { focusOn } = useMapControls();
  const focused = useRef<string | null>(null);
  const found = list.fresh ? (list.data?.total ?? 0) : null;
  useEffect(() => {
    if (!bounds || found === null || focused.current === listKey || paused) return;
    focused.current = listKey;
    if (found > 0) focusOn(boundsPolygon(bounds));
  }, [bounds, found, listKey, paused, focusOn]);
}
