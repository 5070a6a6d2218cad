// Creating a restoration project: name, responsible unit, kind of damage, the criteria
// region, a target area per restoration type and a vegetation-cover target, the planned
// period, and the boundary from a GeoJSON file (drawn on the map before it is sent). PostGIS
// checks the polygon on submit; its problems come back with ring and vertex.
import { useEffect, useState, type FormEvent } from 'react';
import { api, type Problem } from '../api/http.ts';
import type { Division } from '../api/types.ts';
import { navigate } from '../app/router.tsx';
import { useSession } from '../auth/session.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { useMapControls } from '../map/map-context.tsx';
import { useApi } from '../supervision/use-api.ts';
import { boundaryFromGeoJson } from './geojson-file.ts';
import { damageKinds, damageLabel, restorationTypes, typeLabel } from './labels.ts';
import { FailureBox, failureOf, numberOf, type Failure } from './parts.tsx';
import type { ProjectDetail } from './types.ts';
import { DateInput } from '../app/DateInput.tsx';

/**
 * The boundary's polygons for the map, with a red point at each vertex PostGIS found at fault.
 * A problem names its ring and vertex (1-based) but not its part, so a point is drawn only
 * for a one-polygon boundary; the message itself names the part and the coordinates.
 */
function boundaryOverlay(
  boundary: GeoJSON.MultiPolygon,
  problems: Problem[],
): GeoJSON.FeatureCollection {
  const features: GeoJSON.Feature[] = boundary.coordinates.map((coordinates) => ({
    type: 'Feature',
    geometry: { type: 'Polygon', coordinates },
    properties: { problem: problems.length > 0 },
  }));
  // A ring that crosses itself may enclose no area, and the map then fills nothing: its
  // outline is drawn as lines too.
  if (problems.length > 0)
    for (const polygon of boundary.coordinates)
      for (const ring of polygon)
        features.push({
          type: 'Feature',
          geometry: { type: 'LineString', coordinates: ring },
          properties: { problem: true },
        });
  const [only] = boundary.coordinates;
  for (const { location } of problems) {
    if (boundary.coordinates.length !== 1 || !location?.ring || !location.vertex) continue;
    const position = only?.[location.ring - 1]?.[location.vertex - 1];
    if (position)
      features.push({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: position },
        properties: { problem: true },
      });
  }
  return { type: 'FeatureCollection', features };
}

export function ProjectForm() {
  const { t, lang, pick } = useI18n();
  const session = useSession();
  const own = session.state.status === 'user' ? session.state.user.divisionCode : null;
  const divisions = useApi<{ items: Division[] }>(own ? `/api/divisions?parent=${own}` : null);
  const { setOverlay, setThematic, focusOn } = useMapControls();
  const [fields, setFields] = useState({
    name: '',
    responsibleUnit: '',
    damageKind: 'subsidence',
    divisionCode: '',
    criteriaRegion: '',
    targetVegetationCoverPct: '',
    plannedStartOn: '',
    plannedEndOn: '',
    note: '',
    reason: '',
  });
  const [targetsHa, setTargetsHa] = useState<Record<string, string>>({});
  const [boundary, setBoundary] = useState<GeoJSON.MultiPolygon | null>(null);
  const [fileNote, setFileNote] = useState<string | null>(null);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    setThematic(null);
    return () => setOverlay(null);
  }, [setThematic, setOverlay]);

  const set = (name: keyof typeof fields) => (value: string) =>
    setFields((f) => ({ ...f, [name]: value }));

  const readFile = async (file: File | undefined) => {
    if (!file) return;
    const read = boundaryFromGeoJson(await file.text());
    setBoundary(read);
    if (!read) {
      setFileNote(t('restPolygonBad'));
      setOverlay(null);
      return;
    }
    setFileNote(t('restPolygonRead', { n: read.coordinates.length }));
    const overlay = boundaryOverlay(read, []);
    setOverlay(overlay);
    focusOn(overlay);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const targetAreaM2: Record<string, number> = {};
    for (const type of restorationTypes) {
      const ha = numberOf(targetsHa[type] ?? '');
      if (ha !== null && ha > 0) targetAreaM2[type] = Math.round(ha * 10_000 * 100) / 100;
    }
    if (!boundary) return setFailure({ message: t('restNeedPolygon'), problems: [] });
    if (Object.keys(targetAreaM2).length === 0)
      return setFailure({ message: t('restNeedTarget'), problems: [] });
    const optional = (text: string) => (text.trim() === '' ? null : text.trim());
    setSaving(true);
    setFailure(null);
    try {
      const created = await api<ProjectDetail>('/api/restoration/projects', {
        method: 'POST',
        body: {
          ...(fields.divisionCode ? { divisionCode: fields.divisionCode } : {}),
          name: fields.name,
          responsibleUnit: fields.responsibleUnit,
          damageKind: fields.damageKind,
          criteriaRegion: optional(fields.criteriaRegion),
          geometry: boundary,
          targetAreaM2,
          targetVegetationCoverPct: numberOf(fields.targetVegetationCoverPct),
          plannedStartOn: optional(fields.plannedStartOn),
          plannedEndOn: optional(fields.plannedEndOn),
          note: optional(fields.note),
          reason: fields.reason,
        },
      });
      navigate(`/restoration/projects/${created.id}`);
    } catch (e) {
      const failed = failureOf(e, pick);
      setFailure(failed);
      setOverlay(boundaryOverlay(boundary, failed.problems));
    } finally {
      setSaving(false);
    }
  };

  const text = (
    name: keyof typeof fields,
    label: string,
    required = false,
    type: 'text' | 'number' | 'date' = 'text',
  ) => (
    <label>
      {label}
      {type === 'date' ? (
        <DateInput name={name} value={fields[name]} required={required} onChange={set(name)} />
      ) : (
        <input
          name={name}
          type={type}
          value={fields[name]}
          required={required}
          onChange={(e) => set(name)(e.target.value)}
        />
      )}
    </label>
  );

  return (
    <div className="panel-body" data-testid="restoration-new">
      <h2>{t('restNewProject')}</h2>
      <form className="form rest-form" onSubmit={(e) => void submit(e)}>
        {text('name', t('restName'), true)}
        {text('responsibleUnit', t('restResponsibleUnit'), true)}
        <label>
          {t('restDamageKind')}
          <select
            name="damageKind"
            value={fields.damageKind}
            onChange={(e) => set('damageKind')(e.target.value)}
          >
            {damageKinds.map((d) => (
              <option key={d} value={d}>
                {damageLabel(d, lang)}
              </option>
            ))}
          </select>
        </label>
        {divisions.data && divisions.data.items.length > 0 ? (
          <label>
            {t('restDivision')}
            <select
              name="divisionCode"
              value={fields.divisionCode}
              onChange={(e) => set('divisionCode')(e.target.value)}
            >
              <option value="">
                {session.state.status === 'user' ? session.state.division?.name : ''}
              </option>
              {divisions.data.items.map((d) => (
                <option key={d.code} value={d.code}>
                  {d.name}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <label>
          {t('restCriteriaRegion')}
          <input
            name="criteriaRegion"
            value={fields.criteriaRegion}
            placeholder="huang_huai_hai_plain"
            onChange={(e) => set('criteriaRegion')(e.target.value)}
          />
          <span className="muted">{t('restCriteriaRegionHint')}</span>
        </label>
        <fieldset data-testid="targets">
          <legend>{t('restTargetHa')}</legend>
          {restorationTypes.map((type) => (
            <label key={type} className="inline">
              {typeLabel(type, lang)}
              <input
                name={`target-${type}`}
                type="number"
                min="0"
                step="any"
                value={targetsHa[type] ?? ''}
                onChange={(e) => setTargetsHa((m) => ({ ...m, [type]: e.target.value }))}
              />
            </label>
          ))}
        </fieldset>
        {text('targetVegetationCoverPct', t('restTargetCover'), false, 'number')}
        {text('plannedStartOn', t('restPlannedStart'), false, 'date')}
        {text('plannedEndOn', t('restPlannedEnd'), false, 'date')}
        <label>
          {t('restPolygon')}
          <input
            type="file"
            name="boundary"
            accept=".geojson,.json,application/geo+json,application/json"
            onChange={(e) => void readFile(e.target.files?.[0])}
          />
          <span className="muted">{fileNote ?? t('restPolygonHint')}</span>
        </label>
        {text('note', t('restNote'))}
        <label>
          {t('restReason')}
          <input
            name="reason"
            value={fields.reason}
            required
            minLength={2}
            onChange={(e) => set('reason')(e.target.value)}
          />
        </label>
        <FailureBox failure={failure} />
        <button type="submit" disabled={saving}>
          {saving ? t('restSaving') : t('restCreate')}
        </button>
      </form>
    </div>
  );
}
