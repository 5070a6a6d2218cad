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
  const tiles = useMemo<ThematicTiles | null>(() => {
    const document = tileJson.data;
    const template = document?.tiles[0];
    if (!document || !template) return null;
    return { ...layers, url: template, bounds: document.bounds, version };
  }, [tileJson.data, layers, version]);
  const refresh = useCallback(() => setVersion((v) => v + 1), []);
  // Bounds only of the current URL's answer: a page focusing on them once per URL must not
  // take the last one's.
  const bounds = tileJson.fresh ? (tileJson.data?.bounds ?? null) : null;
  return { tiles, bounds, error: tileJson.error, refresh };
}
