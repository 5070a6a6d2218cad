// The map: MapLibre GL with the temporary-land vector tiles, the pages' overlay, a popup on
// click and a legend. For the end-to-end tests and the first-paint measurement the map is
// exposed as `window.__reclaimMap` and marks `reclaim:map-first-render` once its first
// complete frame with the register's tiles is drawn.
import {
  Map as MapLibre,
  NavigationControl,
  Popup,
  ScaleControl,
  setWorkerUrl,
  type GeoJSONSource,
  type MapGeoJSONFeature,
  type MapLayerMouseEvent,
  type VectorTileSource,
} from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
// MapLibre's worker ships as its own module; Vite copies it into the build as an asset.
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { useEffect, useRef, useState } from 'react';
import { navigate } from '../app/router.tsx';
import { formatNumber, todayInShanghai, useI18n } from '../i18n/i18n.tsx';
import { stateLabel } from '../register/labels.ts';
import { useMapControls } from './map-context.tsx';
import { buildStyle, overdueColour, stateColours, type Basemap } from './style.ts';

declare global {
  interface Window {
    __reclaimMap?: MapLibre;
  }
}

setWorkerUrl(workerUrl);

const tileJsonUrl = () => new URL('/tiles/temporary-land.json', location.origin).href;
/** Jiawang, Xuzhou: where the demo data lies, until the tiles say where the records are. */
const defaultCenter: [number, number] = [117.45, 34.43];

function popupContent(
  feature: MapGeoJSONFeature,
  canOpen: boolean,
  lang: 'zh' | 'en',
): HTMLElement {
  const p = feature.properties as Record<string, string | number | undefined>;
  const box = document.createElement('div');
  box.className = 'popup';
  const title = document.createElement('strong');
  title.textContent = String(p.projectName ?? '');
  box.append(title);
  const lines = [
    stateLabel(String(p.state ?? ''), lang),
    p.systemNumber ? String(p.systemNumber) : '',
    p.areaMu !== undefined
      ? `${formatNumber(Number(p.areaMu))} ${lang === 'zh' ? '亩' : 'mu'}`
      : '',
    p.termEnd ? `${lang === 'zh' ? '终止日期' : 'term end'} ${String(p.termEnd)}` : '',
  ].filter(Boolean);
  for (const line of lines) {
    const div = document.createElement('div');
    div.textContent = line;
    box.append(div);
  }
  if (canOpen && p.id) {
    const link = document.createElement('a');
    link.href = `/records/${String(p.id)}`;
    link.textContent = lang === 'zh' ? '查看详情 →' : 'Open →';
    link.className = 'popup-open';
    link.addEventListener('click', (event) => {
      event.preventDefault();
      navigate(`/records/${String(p.id)}`);
    });
    box.append(link);
  }
  return box;
}

export function MapView(props: { tiandituKey: string | null; canOpenRecords: boolean }) {
  const { t, lang } = useI18n();
  const controls = useMapControls();
  const container = useRef<HTMLDivElement>(null);
  const mapRef = useRef<MapLibre | null>(null);
  const [basemap, setBasemap] = useState<Basemap>(props.tiandituKey ? 'vector' : 'offline');
  const [ready, setReady] = useState(false);
  const popupState = useRef({ canOpen: props.canOpenRecords, lang });
  useEffect(() => {
    popupState.current = { canOpen: props.canOpenRecords, lang };
  }, [props.canOpenRecords, lang]);

  useEffect(() => {
    if (!container.current) return;
    performance.mark('reclaim:map-start');
    const map = new MapLibre({
      container: container.current,
      style: buildStyle({
        basemap,
        tiandituKey: props.tiandituKey,
        tileJsonUrl: tileJsonUrl(),
        today: todayInShanghai(),
      }),
      center: defaultCenter,
      zoom: 10,
      attributionControl: { compact: true },
    });
    mapRef.current = map;
    window.__reclaimMap = map;
    map.addControl(new NavigationControl({ showCompass: false }), 'top-right');
    map.addControl(new ScaleControl({ unit: 'metric' }), 'bottom-left');
    let painted = false;
    map.on('idle', () => {
      if (painted || !map.isSourceLoaded('temporary-land')) return;
      painted = true;
      performance.mark('reclaim:map-first-render');
      document.body.dataset.mapReady = 'true';
    });
    map.on('load', () => setReady(true));
    map.on('click', 'temporary-land-fill', (event: MapLayerMouseEvent) => {
      const feature = event.features?.[0];
      if (!feature) return;
      new Popup({ closeButton: true, maxWidth: '280px' })
        .setLngLat(event.lngLat)
        .setDOMContent(popupContent(feature, popupState.current.canOpen, popupState.current.lang))
        .addTo(map);
    });
    map.on('mouseenter', 'temporary-land-fill', () => (map.getCanvas().style.cursor = 'pointer'));
    map.on('mouseleave', 'temporary-land-fill', () => (map.getCanvas().style.cursor = ''));
    return () => {
      setReady(false);
      map.remove();
      mapRef.current = null;
      delete window.__reclaimMap;
    };
    // The basemap choice rebuilds the map; everything else is applied to the live map below.
  }, [basemap, props.tiandituKey]);

  // Fresh tiles after a login, a logout or a change to the register.
  useEffect(() => {
    const source = mapRef.current?.getSource<VectorTileSource>('temporary-land');
    if (ready && source && controls.tilesVersion > 0)
      source.setUrl(`${tileJsonUrl()}?v=${controls.tilesVersion}`);
  }, [ready, controls.tilesVersion]);

  useEffect(() => {
    const source = mapRef.current?.getSource<GeoJSONSource>('preview');
    if (ready && source)
      void source.setData(controls.overlay ?? { type: 'FeatureCollection', features: [] });
  }, [ready, controls.overlay]);

  useEffect(() => {
    if (ready)
      mapRef.current?.setFilter('temporary-land-selected', [
        '==',
        ['get', 'id'],
        controls.selectedId ?? '',
      ]);
  }, [ready, controls.selectedId]);

  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map || !controls.focus) return;
    const [w, s, e, n] = controls.focus.bbox;
    map.fitBounds([w, s, e, n], { padding: 80, maxZoom: 15.5, duration: 0 });
  }, [ready, controls.focus]);

  // With nothing to focus on, show where the records are (the TileJSON's bounds).
  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map || controls.focus) return;
    let cancelled = false;
    fetch(tileJsonUrl(), { credentials: 'same-origin' })
      .then((r) => r.json() as Promise<{ bounds?: [number, number, number, number] }>)
      .then(({ bounds }) => {
        if (cancelled || !bounds || bounds[2] - bounds[0] > 20) return;
        map.fitBounds(bounds, { padding: 40, maxZoom: 14, duration: 0 });
      })
      .catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }, [ready, controls.focus, controls.tilesVersion]);

  return (
    <div className="map-wrap">
      <div ref={container} className="map" data-testid="map" />
      <div className="legend" aria-label={t('mapLegend')}>
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
      </div>
    </div>
  );
}
