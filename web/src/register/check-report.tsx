// The check-then-submit step both ways of registering share (a file, or a drawing made into
// a GeoJSON file): the file is checked first (/api/register/check, nothing stored), problems
// are listed and drawn on the map at their ring and vertex, each parcel's computed breakdown
// stands beside what it declares, and the rule findings are shown. Only a file without errors
// can be submitted (/api/register/imports, all or nothing); the clerk then lands on the new
// record, which the map now shows.
import { useCallback, useEffect, useState } from 'react';
import { api, ApiError, type Problem } from '../api/http.ts';
import type { CheckedFeature, CheckReport, ImportResult } from '../api/types.ts';
import { navigate } from '../app/router.tsx';
import { formatNumber, useI18n } from '../i18n/i18n.tsx';
import { useMapControls } from '../map/map-context.tsx';
import { BreakdownTable, FindingList, ReasonField } from './parts.tsx';

/** A file as the register's endpoints take it. */
export interface Upload {
  name: string;
  contentBase64: string;
}

/** Where a problem is on the map: its vertex, or its whole ring, from the checked rings. */
function problemGeometry(problem: Problem, features: CheckedFeature[]): GeoJSON.Geometry | null {
  const loc = problem.location;
  if (!loc?.feature) return null;
  const feature = features.find((f) => f.feature === loc.feature);
  if (!feature) return null;
  // Rings of a (multi)polygon carry their part; separate rings (coordinate txt) do not.
  const ring =
    loc.ring !== undefined
      ? feature.rings.find(
          (r) => r.ring === loc.ring && (r.part === undefined || r.part === (loc.part ?? 1)),
        )
      : undefined;
  if (ring && loc.vertex !== undefined) {
    const point = ring.coordinates[loc.vertex - 1];
    if (point) return { type: 'Point', coordinates: point };
  }
  if (ring) return { type: 'LineString', coordinates: ring.coordinates };
  return feature.geometry;
}

/** The checked parcels, their rings when they could not be built, and every located problem. */
function overlayOf(report: CheckReport): GeoJSON.FeatureCollection {
  const features: GeoJSON.Feature[] = [];
  for (const f of report.features) {
    if (f.geometry)
      features.push({ type: 'Feature', geometry: f.geometry, properties: { feature: f.feature } });
    for (const ring of f.rings) {
      features.push({
        type: 'Feature',
        geometry: { type: 'LineString', coordinates: ring.coordinates },
        properties: { feature: f.feature, ring: ring.ring },
      });
    }
  }
  for (const problem of [...report.errors, ...report.warnings]) {
    const geometry = problemGeometry(problem, report.features);
    if (geometry && geometry.type !== 'MultiPolygon') {
      features.push({
        type: 'Feature',
        geometry,
        properties: { problem: true, code: problem.code },
      });
    }
  }
  return { type: 'FeatureCollection', features };
}

/**
 * Checking and submitting what `upload` gives, with the division (for users above a county)
 * and the repair flag. `focus`: whether a checked file's overlay is zoomed to (a drawing is
 * already in view).
 */
export function useRegisterCheck(upload: () => Promise<Upload | null>, focus: boolean) {
  const { t, pick } = useI18n();
  const { setOverlay, focusOn, reloadTiles } = useMapControls();
  const [report, setReport] = useState<CheckReport | null>(null);
  const [repair, setRepair] = useState(false);
  const [reason, setReason] = useState(t('submitReasonDefault'));
  const [busy, setBusy] = useState<'check' | 'submit' | null>(null);
  const [failure, setFailure] = useState<{ message: string; problems: Problem[] } | null>(null);

  useEffect(() => () => setOverlay(null), [setOverlay]);

  const failed = (e: unknown) => {
    setFailure(
      e instanceof ApiError
        ? { message: pick(e.messageZh, e.message), problems: e.problems }
        : { message: String(e), problems: [] },
    );
  };

  const check = (divisionCode: string) => {
    setBusy('check');
    setFailure(null);
    setReport(null);
    upload()
      .then((file) =>
        file
          ? api<CheckReport>('/api/register/check', {
              method: 'POST',
              body: { file, repair, ...(divisionCode ? { divisionCode } : {}) },
            })
          : null,
      )
      .then((r) => {
        if (!r) return;
        setReport(r);
        const overlay = overlayOf(r);
        setOverlay(overlay);
        if (focus) focusOn(overlay);
      })
      .catch(failed)
      .finally(() => setBusy(null));
  };

  const submit = (divisionCode: string) => {
    if (!report) return;
    setBusy('submit');
    setFailure(null);
    upload()
      .then((file) =>
        file
          ? api<ImportResult>('/api/register/imports', {
              method: 'POST',
              body: { files: [file], repair, reason, ...(divisionCode ? { divisionCode } : {}) },
            })
          : null,
      )
      .then((result) => {
        if (!result) return;
        setOverlay(null);
        reloadTiles();
        const first = result.records[0];
        navigate(first ? `/records/${first.id}` : '/records');
      })
      .catch(failed)
      .finally(() => setBusy(null));
  };

  const showProblem = (problem: Problem) => {
    if (!report) return;
    const geometry = problemGeometry(problem, report.features);
    if (geometry) focusOn(geometry);
  };

  /** Forget the last check (the file or the drawing changed). */
  const reset = useCallback(() => {
    setReport(null);
    setOverlay(null);
  }, [setOverlay]);

  return {
    report,
    repair,
    setRepair,
    reason,
    setReason,
    busy,
    failure,
    check,
    submit,
    showProblem,
    reset,
  };
}

export type RegisterCheck = ReturnType<typeof useRegisterCheck>;

/** The failure of the last call, then the checked report with its submit button. */
export function CheckReportView(props: { state: RegisterCheck; onSubmit: () => void }) {
  const { t, pick } = useI18n();
  const { report, failure, busy, reason, setReason, showProblem } = props.state;
  const blocked = !report || report.errors.length > 0;
  return (
    <>
      {failure ? (
        <ProblemBox title={failure.message} problems={failure.problems} onShow={showProblem} />
      ) : null}
      {report ? (
        <div className="report" data-testid="check-report">
          <p className="muted small">
            {t('format')}: {report.format} · {t('crs')}: {report.crs}
          </p>
          {report.errors.length > 0 ? (
            <ProblemBox title={t('errors')} problems={report.errors} onShow={showProblem} />
          ) : (
            <p className="ok">{t('noErrors')}</p>
          )}
          {report.warnings.length > 0 ? (
            <ProblemBox
              title={t('warnings')}
              problems={report.warnings}
              onShow={showProblem}
              tone="warning"
            />
          ) : null}
          {report.features.map((f) => (
            <section key={f.feature} className="checked-feature">
              <h3>
                {t('parcel')} {f.feature}: {f.name} <span className="muted">({f.id})</span>
              </h3>
              {f.area_m2 !== null ? (
                <p>
                  {t('area')}: {formatNumber(f.area_m2)} {t('squareMetres')} ·{' '}
                  {formatNumber(f.area_mu)} {pick('亩', 'mu')}
                </p>
              ) : null}
              {f.computedBreakdown ? (
                <BreakdownTable
                  computed={f.computedBreakdown}
                  declared={null}
                  computedTotal={f.area_m2}
                  declaredTotal={f.declaredAreaM2}
                />
              ) : null}
              {f.geometry ? <FindingList findings={f.findings} /> : null}
            </section>
          ))}
          <div className="form">
            <ReasonField label={t('submitReason')} value={reason} onChange={setReason} />
            <button
              type="button"
              onClick={props.onSubmit}
              disabled={blocked || busy !== null || reason.trim().length < 2}
            >
              {busy === 'submit' ? t('submitting') : t('submit')}
            </button>
          </div>
        </div>
      ) : null}
    </>
  );
}

function ProblemBox(props: {
  title: string;
  problems: Problem[];
  onShow: (problem: Problem) => void;
  tone?: 'error' | 'warning';
}) {
  const { t, pick } = useI18n();
  const where = (p: Problem) => {
    const loc = p.location;
    if (!loc) return '';
    const parts: string[] = [];
    if (loc.feature !== undefined) parts.push(t('featureN', { n: loc.feature }));
    if (loc.part !== undefined && loc.part > 1) parts.push(t('partN', { n: loc.part }));
    if (loc.ring !== undefined && loc.vertex !== undefined)
      parts.push(t('ringVertex', { r: loc.ring, v: loc.vertex }));
    else if (loc.ring !== undefined) parts.push(t('ringOnly', { r: loc.ring }));
    if (loc.line !== undefined) parts.push(t('lineN', { n: loc.line }));
    if (loc.field) parts.push(loc.field);
    return parts.join(' · ');
  };
  return (
    <div
      className={`problems ${props.tone ?? 'error'}`}
      role="alert"
      data-testid={`problems-${props.tone ?? 'error'}`}
    >
      <strong>{props.title}</strong>
      <ul>
        {props.problems.map((p, i) => (
          <li key={`${p.code}-${i}`}>
            <code>{p.code}</code> {pick(p.messageZh, p.messageEn)}
            {p.location ? (
              <button type="button" className="link small" onClick={() => props.onShow(p)}>
                {where(p)}
              </button>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
