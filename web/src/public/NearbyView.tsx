// Approvals near me: the public picks a point — the browser's location (refusal and absence
// handled) or a click on the map — and sees the published approvals nearest to it, by
// distance on the ellipsoid as PostGIS measures it (GET /api/public/approvals), in a list
// and highlighted on the map, the point marked with a pin.
import { useCallback, useEffect, useState } from 'react';
import { api, ApiError, query } from '../api/http.ts';
import { Link } from '../app/router.tsx';
import { formatNumber, useI18n } from '../i18n/i18n.tsx';
import type { MessageKey } from '../i18n/messages.ts';
import { useMapControls } from '../map/map-context.tsx';
import { labelOfUse, stateLabel } from '../register/labels.ts';
import type { ApprovalFeature } from './types.ts';
import './public.css';

const radii = [1, 5, 10, 20, 50] as const;

interface Nearby {
  near: [number, number];
  radiusKm: number;
  features: ApprovalFeature[];
}

/** Why the browser gave no position, as GeolocationPositionError codes it. */
const geoErrorKey: Record<number, MessageKey> = {
  1: 'geoDenied',
  2: 'geoUnavailable',
  3: 'geoTimeout',
};

/** The point a search is about, the map's pin and a remembered choice between pages. */
let remembered: { point: [number, number]; radiusKm: number } | null = null;

export function NearbyView() {
  const { t, lang, pick } = useI18n();
  const { setOverlay, setMarker, setPickHandler, focusOn, select } = useMapControls();
  const [point, setPoint] = useState<[number, number] | null>(remembered?.point ?? null);
  const [radiusKm, setRadiusKm] = useState<number>(remembered?.radiusKm ?? 10);
  const [result, setResult] = useState<Nearby | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [locating, setLocating] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);

  // Clicks on the map choose the point while this page is shown.
  const choose = useCallback((lngLat: [number, number]) => {
    setNotice(null);
    setPoint([Number(lngLat[0].toFixed(6)), Number(lngLat[1].toFixed(6))]);
  }, []);
  useEffect(() => {
    setPickHandler(choose);
    return () => {
      setPickHandler(null);
      setMarker(null);
      setOverlay(null);
      select(null);
    };
  }, [choose, setPickHandler, setMarker, setOverlay, select]);

  useEffect(() => {
    if (!point) return;
    remembered = { point, radiusKm };
    setMarker(point);
    let cancelled = false;
    api<Nearby>(
      `/api/public/approvals${query({ near: `${point[0]},${point[1]}`, radiusKm, limit: 20 })}`,
    )
      .then((answer) => {
        if (cancelled) return;
        setError(null);
        setResult(answer);
        const features = answer.features.filter((f) => f.geometry);
        setOverlay({
          type: 'FeatureCollection',
          features: features.map((f) => ({
            type: 'Feature',
            geometry: f.geometry!,
            properties: { id: f.id },
          })),
        });
        // The point and its nearest approvals in view.
        focusOn({
          type: 'FeatureCollection',
          features: [
            { type: 'Feature', geometry: { type: 'Point', coordinates: point }, properties: {} },
            ...features.slice(0, 5).map((f) => ({
              type: 'Feature' as const,
              geometry: f.geometry!,
              properties: {},
            })),
          ],
        });
      })
      .catch((e: unknown) => {
        if (!cancelled) setError(e instanceof ApiError ? pick(e.messageZh, e.message) : String(e));
      });
    return () => {
      cancelled = true;
    };
  }, [point, radiusKm, pick, setMarker, setOverlay, focusOn]);

  function locate() {
    setNotice(null);
    if (!('geolocation' in navigator) || !window.isSecureContext) {
      setNotice(t('geoUnsupported'));
      return;
    }
    setLocating(true);
    navigator.geolocation.getCurrentPosition(
      (position) => {
        setLocating(false);
        choose([position.coords.longitude, position.coords.latitude]);
      },
      (failure) => {
        setLocating(false);
        setNotice(t(geoErrorKey[failure.code] ?? 'geoUnavailable'));
      },
      { enableHighAccuracy: false, timeout: 15_000, maximumAge: 60_000 },
    );
  }

  const distance = (m: number | undefined) =>
    m === undefined
      ? '—'
      : m === 0
        ? t('inside')
        : m < 1000
          ? t('metres', { n: Math.round(m) })
          : t('kilometresAway', { n: formatNumber(m / 1000, m < 10_000 ? 2 : 1) });

  return (
    <div className="panel-body public-page" data-testid="nearby">
      <h2>{t('nearbyTitle')}</h2>
      <p className="muted small">{t('nearbyHint')}</p>
      <div className="nearby-controls">
        <button type="button" onClick={locate} disabled={locating} data-testid="locate">
          {locating ? t('locating') : t('useMyLocation')}
        </button>
        <span className="muted small">{t('orClickMap')}</span>
        <label className="small">
          {t('radius')}{' '}
          <select
            value={radiusKm}
            onChange={(e) => setRadiusKm(Number(e.target.value))}
            name="radiusKm"
          >
            {radii.map((r) => (
              <option key={r} value={r}>
                {t('kilometres', { n: r })}
              </option>
            ))}
          </select>
        </label>
      </div>
      {notice ? (
        <p className="warn" role="alert" data-testid="geo-notice">
          {notice}
        </p>
      ) : null}
      {point ? (
        <p className="muted small" data-testid="chosen-point">
          {t('chosenPoint', { lng: point[0].toFixed(5), lat: point[1].toFixed(5) })}
        </p>
      ) : null}
      {error ? <p className="error">{error}</p> : null}
      {result && point ? (
        result.features.length === 0 ? (
          <p className="muted">{t('noneNearby', { n: result.radiusKm })}</p>
        ) : (
          <>
            <h3>{t('nearbyCount', { n: result.radiusKm, k: result.features.length })}</h3>
            <ol className="cards nearby-list" data-testid="nearby-list">
              {result.features.map((f) => {
                const p = f.properties;
                return (
                  <li key={f.id}>
                    <div className="card">
                      <span className="distance" data-testid="distance">
                        {distance(p.distanceM)}
                      </span>
                      <button
                        type="button"
                        className="link title"
                        onClick={() => {
                          select(String(f.id));
                          if (f.geometry) focusOn(f.geometry);
                        }}
                      >
                        {p.projectName}
                      </button>
                      <span className="small">
                        {t('approvalNumber')}：{p.approvalNumber ?? '—'}
                      </span>
                      <span className="muted small">
                        {labelOfUse(p.useType, lang)} · {stateLabel(p.state ?? '', lang)} ·{' '}
                        {formatNumber(p.areaMu ?? null)} {pick('亩', 'mu')}
                      </span>
                      <Link to={`/approvals/${f.id}`} className="small">
                        {t('openParcel')} →
                      </Link>
                    </div>
                  </li>
                );
              })}
            </ol>
          </>
        )
      ) : null}
    </div>
  );
}
