// A page's thematic layer as vector tiles from a TileJSON the API answers (the enforcement and
// back-fill reviews): the layer for the map once the TileJSON is read, its bounds for focusing,
// and a refresh after the page changed the data (the map fetches the tiles again).
import { useCallback, useMemo, useState } from 'react';
import type { ThematicTiles } from '../map/map-context.tsx';
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
