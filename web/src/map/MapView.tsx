// The map: MapLibre GL with the temporary-land vector tiles, the pages' overlay and thematic
// layer, a popup on click and a legend. For the end-to-end tests and the first-paint measurement the map is
// exposed as `window.__reclaimMap` and marks `reclaim:map-first-render` once its first
// complete frame with the register's tiles is drawn.
import {
  Map as MapLibre,
  Marker,
  NavigationControl,
  prewarm,
  ScaleControl,
  setWorkerUrl,
  type LngLat,
  type PaddingOptions,
  type VectorTileSource,
} from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
// MapLibre's worker ships as its own module; Vite copies it into the build as an asset.
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { useEffect, useRef, useState } from 'react';
import { api } from '../api/http.ts';
import { divisionFilter, useDivisionScope } from '../app/division-scope.tsx';
import { useSession } from '../auth/session.tsx';
import { useLocation } from '../app/router.tsx';
import { todayInShanghai, useI18n } from '../i18n/i18n.tsx';
import { stateLabel } from '../register/labels.ts';
import { LayerSwitcher } from './LayerSwitcher.tsx';
import { useMapControls, type ThematicLayer } from './map-context.tsx';
import { wireInteractions } from './map-interactions.ts';
import { setOverlayData } from './overlay-sources.ts';
import { parcelZoom } from './parcel-zoom.ts';
import { addThematicTiles, thematicTilesSelected } from './thematic-tiles.ts';
import {
  applyReferenceLayers,
  defaultReferenceLayers,
  governmentReferenceLayers,
  publicReferenceLayers,
  type ReferenceLayerId,
} from './reference-layers.ts';
import { buildStyle, overdueColour, stateColours, type Basemap } from './style.ts';

declare global {
  interface Window {
    __reclaimMap?: MapLibre;
  }
}

setWorkerUrl(workerUrl);
// Start MapLibre's workers now, while the session and the TileJSON are still on their way,
// rather than when the map is created (they load and compile a script of their own).
prewarm();

export interface TileJson {
  tiles: string[];
  minzoom: number;
  maxzoom: number;
  bounds: [number, number, number, number];
}

/** The register's TileJSON: tile URLs and the bounds of the records the caller may see. */
const loadTileJson = () => api<TileJson>('/tiles/temporary-land.json');

/** Bounds worth fitting: not the whole country (no records, or records everywhere). */
function usefulBounds(
  bounds: [number, number, number, number] | undefined,
): [number, number, number, number] | null {
  return bounds && bounds[2] - bounds[0] < 20 && bounds[3] - bounds[1] < 20 ? bounds : null;
}
/** The legend starts open except on a phone, where the map is small. */
const wideScreen = () => window.matchMedia('(min-width: 761px)').matches;

/** Jiawang, Xuzhou: where the demo data lies, until the tiles say where the records are. */
const defaultCenter: [number, number] = [117.45, 34.43];

/**
 * Room around a focused extent: on the left as far as the open legend reaches, so that nothing
 * the page zooms to lies under it (where the map is wide enough to leave room beside it).
 */
function focusPadding(mapElement: HTMLElement | null): number | PaddingOptions {
  const margin = 80;
  const legend = mapElement?.parentElement?.querySelector('details.legend[open]');
  if (!mapElement || !legend) return margin;
  const map = mapElement.getBoundingClientRect();
  const covered = legend.getBoundingClientRect().right - map.left;
  if (map.width - covered < 300) return margin;
  return { top: margin, bottom: margin, right: margin, left: covered + 20 };
}

export function MapView(props: { tiandituKey: string | null; canOpenRecords: boolean }) {
  const { t, lang } = useI18n();
  const controls = useMapControls();
  const container = useRef<HTMLDivElement>(null);
  const mapRef = useRef<MapLibre | null>(null);
  const [basemap, setBasemap] = useState<Basemap>(props.tiandituKey ? 'vector' : 'offline');
  const [ready, setReady] = useState(false);
  const [shownLayers, setShownLayers] = useState<ReadonlySet<ReferenceLayerId>>(
    () => new Set(defaultReferenceLayers),
  );
  const session = useSession();
  const ownDivision = session.state.status === 'user' ? session.state.user.divisionCode : null;
  const [zoom, setZoom] = useState(0);
  const popupState = useRef({ canOpen: props.canOpenRecords, lang });
  const pickRef = useRef(controls.onPick);
  useEffect(() => {
    pickRef.current = controls.onPick;
  }, [controls.onPick]);
  const drawingRef = useRef(controls.drawing);
  useEffect(() => {
    drawingRef.current = controls.drawing;
  }, [controls.drawing]);
  const { setMap } = controls;
  useEffect(() => {
    popupState.current = { canOpen: props.canOpenRecords, lang };
  }, [props.canOpenRecords, lang]);
  const thematicClick = useRef<ThematicLayer['onClick']>(undefined);
  useEffect(() => {
    thematicClick.current = controls.thematic?.onClick;
  }, [controls.thematic]);

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    performance.mark('reclaim:map-start');
    let map: MapLibre | null = null;
    let cancelled = false;
    // The TileJSON first: the map then opens on the records' bounds and loads one set of
    // tiles, instead of loading a default view and moving.
    void loadTileJson().then((tiles) => {
      if (cancelled) return;
      const bounds = usefulBounds(tiles.bounds);
      const created = new MapLibre({
        container: element,
        style: buildStyle({
          basemap,
          tiandituKey: props.tiandituKey,
          tiles,
          today: todayInShanghai(),
        }),
        ...(bounds
          ? { bounds, fitBoundsOptions: { padding: 40, maxZoom: 14 } }
          : { center: defaultCenter, zoom: 10 }),
        attributionControl: { compact: true },
      });
      map = created;
      mapRef.current = created;
      window.__reclaimMap = created;
      created.addControl(new NavigationControl({ showCompass: false }), 'top-right');
      created.addControl(new ScaleControl({ unit: 'metric' }), 'bottom-left');
      let painted = false;
      let lastTileAt = 0;
      created.on('sourcedata', (event) => {
        if (!painted && event.sourceId === 'temporary-land' && event.tile)
          lastTileAt = performance.now();
      });
      created.on('idle', () => {
        if (painted || !created.isSourceLoaded('temporary-land')) return;
        painted = true;
        // Tiles are fetched in MapLibre's worker, out of the page's resource timing: mark
        // when the last of the first view's tiles reached the map.
        if (lastTileAt > 0) performance.mark('reclaim:map-tiles-loaded', { startTime: lastTileAt });
        performance.mark('reclaim:map-first-render');
        document.body.dataset.mapReady = 'true';
      });
      created.on('zoomend', () => setZoom(created.getZoom()));
      created.on('load', () => {
        setZoom(created.getZoom());
        setReady(true);
        setMap(created);
      });
      wireInteractions(created, {
        popup: popupState,
        drawing: drawingRef,
        pick: pickRef,
        thematicClick,
      });
    });
    return () => {
      cancelled = true;
      setReady(false);
      setMap(null);
      map?.remove();
      mapRef.current = null;
      delete window.__reclaimMap;
    };
    // The basemap choice rebuilds the map; everything else is applied to the live map below.
  }, [basemap, props.tiandituKey, setMap]);

  // Fresh tiles after a login, a logout or a change to the register; with nothing else to
  // focus on, the map shows where the records now are. Only a new version of the tiles moves
  // the map: losing the focus (leaving a record's page) leaves the view where the user has it.
  const focused = controls.focus !== null;
  const focusedRef = useRef(focused);
  useEffect(() => {
    focusedRef.current = focused;
  }, [focused]);
  useEffect(() => {
    if (!ready || controls.tilesVersion === 0) return;
    let cancelled = false;
    void loadTileJson().then((tiles) => {
      const map = mapRef.current;
      if (cancelled || !map) return;
      map.getSource<VectorTileSource>('temporary-land')?.setTiles(tiles.tiles);
      const bounds = usefulBounds(tiles.bounds);
      if (bounds && !focusedRef.current)
        map.fitBounds(bounds, { padding: 40, maxZoom: 14, duration: 0 });
    });
    return () => {
      cancelled = true;
    };
  }, [ready, controls.tilesVersion]);

  // Everyone sees the division boundaries (public information); government users may switch
  // the survey's patch layers on as well.
  const availableLayers = props.canOpenRecords ? governmentReferenceLayers : publicReferenceLayers;
  useEffect(() => {
    const map = mapRef.current;
    if (ready && map) applyReferenceLayers(map, availableLayers, shownLayers, ownDivision);
  }, [ready, availableLayers, shownLayers, ownDivision]);

  useEffect(() => {
    const map = mapRef.current;
    if (ready && map) setOverlayData(map, 'preview', controls.overlay);
  }, [ready, controls.overlay]);

  useEffect(() => {
    const map = mapRef.current;
    if (ready && map) setOverlayData(map, 'thematic', controls.thematic?.data);
  }, [ready, controls.thematic]);

  // A county picked in the header: only its parcels are drawn.
  const { picked } = useDivisionScope();
  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map) return;
    const filter = divisionFilter(picked);
    for (const layer of ['temporary-land-fill', 'temporary-land-line', 'temporary-land-overview'])
      if (map.getLayer(layer)) map.setFilter(layer, filter);
  }, [ready, picked]);

  // A thematic layer as tiles: its source and layers while the page shows it.
  const thematicTiles = controls.thematic?.tiles;
  const thematicSelected = controls.thematic?.selectedId ?? '';
  const selectedRef = useRef(thematicSelected);
  useEffect(() => {
    selectedRef.current = thematicSelected;
  }, [thematicSelected]);
  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map || !thematicTiles) return;
    return addThematicTiles(map, thematicTiles, selectedRef.current, 'thematic-fill');
  }, [ready, thematicTiles]);

  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map) return;
    for (const layer of ['thematic-selected', thematicTilesSelected])
      if (map.getLayer(layer)) map.setFilter(layer, ['==', ['get', 'id'], thematicSelected]);
  }, [ready, thematicSelected, thematicTiles]);

  useEffect(() => {
    if (ready)
      mapRef.current?.setFilter('temporary-land-selected', [
        '==',
        ['get', 'id'],
        controls.selectedId ?? '',
      ]);
  }, [ready, controls.selectedId]);

  // A page's zoom request lasts while the user stays in that part of the app (its first two
  // path segments: /supervision/enforcement/…, /records/<id>): on leaving it the map returns to
  // the view it had before the first request.
  const area = useLocation().path.split('/').slice(1, 3).join('/');
  const areaRef = useRef(area);
  useEffect(() => {
    areaRef.current = area;
  }, [area]);
  const viewBeforeFocus = useRef<{ view: { center: LngLat; zoom: number }; area: string } | null>(
    null,
  );
  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map || !controls.focus) return;
    viewBeforeFocus.current ??= {
      view: { center: map.getCenter(), zoom: map.getZoom() },
      area: areaRef.current,
    };
    const [w, s, e, n] = controls.focus.bbox;
    map.fitBounds([w, s, e, n], {
      padding: focusPadding(container.current),
      maxZoom: 15.5,
      duration: 0,
    });
  }, [ready, controls.focus]);
  const { clearFocus } = controls;
  useEffect(() => {
    const map = mapRef.current;
    const saved = viewBeforeFocus.current;
    if (!ready || !map || !saved || saved.area === area) return;
    viewBeforeFocus.current = null;
    map.jumpTo(saved.view);
    clearFocus();
  }, [ready, area, clearFocus]);

  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map || !controls.marker) return;
    const pin = new Marker({ color: '#c62828' }).setLngLat(controls.marker).addTo(map);
    pin.getElement().dataset.testid = 'map-marker';
    return () => {
      pin.remove();
    };
  }, [ready, controls.marker]);

  return (
    <div className="map-wrap">
      <div ref={container} className="map" data-testid="map" />
      <details className="legend" open={wideScreen()}>
        <summary>{t('mapLegend')}</summary>
        {Object.entries(stateColours)
          .filter(([state]) => state !== 'written_off')
          .map(([state, colour]) => (
            <div key={state}>
              <span className="swatch" style={{ background: colour }} />
              {stateLabel(state, lang)}
            </div>
          ))}
        <div>
          <span className="swatch outline" style={{ borderColor: overdueColour }} />
          {t('legendOverdue')}
        </div>
        {zoom < parcelZoom ? (
          <div data-testid="overview-legend" title={t('legendOverviewHint')}>
            <span className="swatch dot" />
            {t('legendOverview')}
          </div>
        ) : null}
        {controls.thematic ? (
          <div className="legend-thematic" data-testid="thematic-legend">
            <strong>{controls.thematic.title}</strong>
            {controls.thematic.legend.map((item) => (
              <div key={item.label}>
                <span className="swatch" style={{ background: item.colour }} />
                {item.label}
              </div>
            ))}
          </div>
        ) : null}
        <LayerSwitcher
          available={availableLayers}
          ownDivision={ownDivision}
          shown={shownLayers}
          zoom={zoom}
          onToggle={(layer, on) =>
            setShownLayers((previous) => {
              const next = new Set(previous);
              if (on) next.add(layer);
              else next.delete(layer);
              return next;
            })
          }
        />
        {props.tiandituKey ? (
          <select
            value={basemap}
            onChange={(e) => setBasemap(e.target.value as Basemap)}
            aria-label="basemap"
          >
            <option value="vector">{t('vectorBasemap')}</option>
            <option value="imagery">{t('imageryBasemap')}</option>
            <option value="offline">{t('offlineBasemap')}</option>
          </select>
        ) : null}
      </details>
    </div>
  );
}
