// Registering parcels from a file: any supported exchange format, checked and then submitted
// through the shared step in check-report.tsx. A link leads to drawing the parcel instead.
import { useState, type FormEvent } from 'react';
import { fileToBase64 } from '../api/http.ts';
import { Link } from '../app/router.tsx';
import { isGovernment, useSession } from '../auth/session.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { CheckReportView, useRegisterCheck } from './check-report.tsx';

export function RegisterFromFile() {
  const { t } = useI18n();
  const session = useSession();
  const user = isGovernment(session.state) ? session.state.user : null;
  const [file, setFile] = useState<File | null>(null);
  const [divisionCode, setDivisionCode] = useState(
    user?.role === 'county' ? user.divisionCode : '',
  );
  const state = useRegisterCheck(
    async () => (file ? { name: file.name, contentBase64: await fileToBase64(file) } : null),
    true,
  );

  const check = (event: FormEvent) => {
    event.preventDefault();
    if (file) state.check(divisionCode);
  };

  return (
    <div className="panel-body register" data-testid="register-from-file">
      <h2>{t('registerTitle')}</h2>
      <p className="muted small">
        {t('registerHint')} <Link to="/register/draw">{t('drawInstead')}</Link>
      </p>
      <form onSubmit={check} className="form">
        <label>
          {t('chooseFile')}
          <input
            type="file"
            name="file"
            accept=".txt,.json,.geojson,.csv,.kml,.kmz,.zip,.gpkg"
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              state.reset();
            }}
          />
        </label>
        {user?.role === 'county' ? null : (
          <label>
            {t('divisionCode')}
            <input
              value={divisionCode}
              maxLength={6}
              pattern="\d{6}"
              onChange={(e) => setDivisionCode(e.target.value.trim())}
            />
          </label>
        )}
        <label className="check">
          <input
            type="checkbox"
            checked={state.repair}
            onChange={(e) => state.setRepair(e.target.checked)}
          />{' '}
          {t('repair')}
        </label>
        <button type="submit" disabled={!file || state.busy !== null}>
          {state.busy === 'check' ? t('checking') : t('check')}
        </button>
      </form>
      <CheckReportView state={state} onSubmit={() => state.submit(divisionCode)} />
    </div>
  );
}
