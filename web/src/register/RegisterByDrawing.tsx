// Registering a parcel by drawing it on the map: outer rings (several make a multipolygon),
// holes, vertices moved, added and deleted; the approval's fields in a form. The drawing and
// the fields become a GeoJSON file that goes through the same check and submission as an
// uploaded one, so its problems are drawn at their ring and vertex in the same way.
import { useEffect, useState, type FormEvent } from 'react';
import { fileToBase64 } from '../api/http.ts';
import { Link } from '../app/router.tsx';
import { isGovernment, useSession } from '../auth/session.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import type { MessageKey } from '../i18n/messages.ts';
import { parcelGeometry, useDrawing, type DrawTool } from '../map/use-drawing.ts';
import {
  projectClasses,
  projectClassNames,
  useTypes,
} from '../../../src/register/domain/classification.ts';
import { CheckReportView, useRegisterCheck } from './check-report.tsx';
import './drawing.css';
import { DateInput } from '../app/DateInput.tsx';

/** The approval's fields, by the attribute names the import reads (attribute-names.ts). */
interface Fields {
  projectName: string;
  projectClass: string;
  useType: string;
  approvalNumber: string;
  approvalDate: string;
  termStart: string;
  termEnd: string;
  landUser: string;
}

const emptyFields: Fields = {
  projectName: '',
  projectClass: 'transport',
  useType: 'material_yard',
  approvalNumber: '',
  approvalDate: '',
  termStart: '',
  termEnd: '',
  landUser: '',
};

const tools: { tool: DrawTool; label: 'drawPolygon' | 'drawHole' | 'editVertices' }[] = [
  { tool: 'polygon', label: 'drawPolygon' },
  { tool: 'hole', label: 'drawHole' },
  { tool: 'select', label: 'editVertices' },
];

export function RegisterByDrawing() {
  const { t, lang } = useI18n();
  const session = useSession();
  const user = isGovernment(session.state) ? session.state.user : null;
  const drawing = useDrawing();
  const [fields, setFields] = useState<Fields>(emptyFields);
  const [divisionCode, setDivisionCode] = useState(
    user?.role === 'county' ? user.divisionCode : '',
  );
  const geometry = parcelGeometry(drawing.shapes);
  const state = useRegisterCheck(async () => {
    if (!geometry) return null;
    const properties: Record<string, string> = {};
    for (const [key, value] of Object.entries(fields) as [string, string][])
      if (value.trim()) properties[key] = value;
    if (divisionCode) properties.divisionCode = divisionCode;
    const file = {
      type: 'FeatureCollection',
      features: [{ type: 'Feature', geometry, properties }],
    };
    const bytes = new Blob([JSON.stringify(file)], { type: 'application/geo+json' });
    return { name: 'drawn-parcel.geojson', contentBase64: await fileToBase64(bytes) };
  }, false);

  // A check is of the drawing and fields as they were: any change asks for a new one.
  const { reset } = state;
  useEffect(() => reset(), [drawing.shapes, fields, divisionCode, reset]);

  const set = (key: keyof Fields) => (value: string) => setFields((f) => ({ ...f, [key]: value }));
  const outers = drawing.shapes.filter((s) => s.kind === 'polygon').length;
  const holes = drawing.shapes.length - outers;

  const textField = (
    key: keyof Fields,
    label: MessageKey,
    attributes: { type?: 'date'; required?: boolean; maxLength?: number },
  ) => (
    <label>
      {t(label)}
      {attributes.type === 'date' ? (
        <DateInput
          name={key}
          value={fields[key]}
          onChange={set(key)}
          required={attributes.required ?? false}
        />
      ) : (
        <input
          name={key}
          {...attributes}
          value={fields[key]}
          onChange={(e) => set(key)(e.target.value)}
        />
      )}
    </label>
  );

  const check = (event: FormEvent) => {
    event.preventDefault();
    if (geometry) state.check(divisionCode);
  };

  return (
    <div className="panel-body register" data-testid="register-by-drawing">
      <h2>{t('drawTitle')}</h2>
      <p className="muted small">
        {t('drawHint')} <Link to="/register">{t('uploadInstead')}</Link>
      </p>
      <div className="draw-tools" role="toolbar" aria-label={t('drawTitle')}>
        {tools.map(({ tool, label }) => (
          <button
            key={tool}
            type="button"
            className={drawing.tool === tool ? 'active' : ''}
            aria-pressed={drawing.tool === tool}
            data-testid={`draw-${tool}`}
            onClick={() => drawing.setTool(tool)}
          >
            {t(label)}
          </button>
        ))}
        <button
          type="button"
          disabled={!drawing.selected}
          onClick={drawing.removeSelected}
          data-testid="draw-delete"
        >
          {t('deleteSelected')}
        </button>
        <button
          type="button"
          disabled={drawing.shapes.length === 0}
          onClick={drawing.clear}
          data-testid="draw-clear"
        >
          {t('clearDrawing')}
        </button>
      </div>
      <p className="muted small" data-testid="draw-status">
        {drawing.tool === 'select' ? t('editHint') : t('closeHint')}{' '}
        {t('drawnCount', { p: outers, h: holes })}
      </p>
      <form onSubmit={check} className="form">
        {textField('projectName', 'projectNameField', { required: true, maxLength: 200 })}
        <label>
          {t('projectClassField')}
          <select
            name="projectClass"
            value={fields.projectClass}
            onChange={(e) => set('projectClass')(e.target.value)}
          >
            {projectClasses.map((c) => (
              <option key={c} value={c}>
                {projectClassNames[c][lang]}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('useTypeField')}
          <select
            name="useType"
            value={fields.useType}
            onChange={(e) => set('useType')(e.target.value)}
          >
            {useTypes.map((u) => (
              <option key={u.code} value={u.code}>
                {u[lang]}
              </option>
            ))}
          </select>
        </label>
        {textField('approvalNumber', 'approvalNumberField', { maxLength: 100 })}
        <div className="row">
          {textField('approvalDate', 'approvalDateField', { type: 'date' })}
          {textField('termStart', 'termStartField', { type: 'date' })}
          {textField('termEnd', 'termEndField', { type: 'date' })}
        </div>
        {textField('landUser', 'landUserField', { maxLength: 200 })}
        {user?.role === 'county' ? null : (
          <label>
            {t('divisionCode')}
            <input
              name="divisionCode"
              value={divisionCode}
              maxLength={6}
              pattern="\d{6}"
              onChange={(e) => setDivisionCode(e.target.value.trim())}
            />
          </label>
        )}
        <button
          type="submit"
          disabled={!geometry || !fields.projectName.trim() || state.busy !== null}
        >
          {state.busy === 'check' ? t('checking') : t('check')}
        </button>
      </form>
      <CheckReportView state={state} onSubmit={() => state.submit(divisionCode)} />
    </div>
  );
}
