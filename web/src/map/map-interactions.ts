// What a click or a pointer over the map does: a parcel opens its popup, a counted circle of the
// zoomed-out overview zooms in on it, a thematic feature tells its page, anywhere else is a
// pick for the page that asked for one; the cursor says which.
import { Popup, type Map as MapLibre, type MapLayerMouseEvent } from 'maplibre-gl';
import { parcelZoom } from './parcel-zoom.ts';
import { popupContent } from './popup-content.ts';
import { thematicTilesFill, thematicTilesPoints } from './thematic-tiles.ts';

/** What the handlers read when they fire (kept in refs: the page changes them at any time). */
export interface InteractionRefs {
  popup: { readonly current: { canOpen: boolean; lang: 'zh' | 'en' } };
  /** A drawing is under way: clicks belong to it. */
  drawing: { readonly current: boolean };
  pick: { readonly current: ((lngLat: [number, number]) => void) | null };
  thematicClick: { readonly current: ((properties: Record<string, unknown>) => void) | undefined };
}

const cursorOver: [layer: string, cursor: string][] = [
  ['temporary-land-fill', 'pointer'],
  ['temporary-land-overview', 'zoom-in'],
  ['thematic-fill', 'pointer'],
  [thematicTilesFill, 'pointer'],
  [thematicTilesPoints, 'zoom-in'],
];

/** The thematic layers holding clickable features, those of them on the map now. */
const thematicFills = (map: MapLibre) =>
  ['thematic-fill', thematicTilesFill].filter((id) => map.getLayer(id));

export function wireInteractions(map: MapLibre, refs: InteractionRefs): void {
  for (const layer of ['thematic-fill', thematicTilesFill])
    map.on('click', layer, (event: MapLayerMouseEvent) => {
      const feature = event.features?.[0];
      if (feature) refs.thematicClick.current?.(feature.properties);
    });
  map.on('click', 'temporary-land-fill', (event: MapLayerMouseEvent) => {
    const feature = event.features?.[0];
    if (refs.drawing.current) return;
    // A click on a thematic feature above the register belongs to that layer.
    if (map.queryRenderedFeatures(event.point, { layers: thematicFills(map) }).length > 0) return;
    if (!feature) return;
    const { canOpen, lang } = refs.popup.current;
    new Popup({ closeButton: true, maxWidth: '280px' })
      .setLngLat(event.lngLat)
      .setDOMContent(popupContent(feature, canOpen, lang))
      .addTo(map);
  });
  // Zoomed out, a click on a counted cell zooms in on it until its parcels are drawn.
  map.on('click', 'temporary-land-overview', (event: MapLayerMouseEvent) => {
    if (refs.drawing.current || !event.features?.[0]) return;
    map.easeTo({ center: event.lngLat, zoom: Math.max(map.getZoom() + 2, parcelZoom) });
  });
  map.on('click', (event) => {
    if (!refs.drawing.current) refs.pick.current?.([event.lngLat.lng, event.lngLat.lat]);
  });
  for (const [layer, cursor] of cursorOver) {
    map.on('mouseenter', layer, () => {
      map.getCanvas().style.cursor = cursor;
    });
    map.on('mouseleave', layer, () => {
      map.getCanvas().style.cursor = '';
    });
  }
}
