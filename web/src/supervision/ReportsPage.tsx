// Report export: the summary and the ranking (XLSX, CSV) and the 通报 bulletin (printable
// HTML) of a division as of a date, straight from /api/supervision/reports/… (each rebuilt
// from history, so a past date always gives the same file).
import { useEffect, useState } from 'react';
import { query } from '../api/http.ts';
import { todayInShanghai, useI18n } from '../i18n/i18n.tsx';
import { useMapControls } from '../map/map-context.tsx';
import { DateInput } from '../app/DateInput.tsx';

export function ReportsPage() {
  const { t, lang: uiLang } = useI18n();
  const { setOverlay, setThematic } = useMapControls();
  const [asOf, setAsOf] = useState(todayInShanghai());
  const [division, setDivision] = useState('');
  const [level, setLevel] = useState('');
  const [lang, setLang] = useState<'zh' | 'en'>(uiLang);
  useEffect(() => {
    setOverlay(null);
    setThematic(null);
  }, [setOverlay, setThematic]);

  const valid = /^\d{4}-\d{2}-\d{2}$/.test(asOf) && (division === '' || /^\d{6}$/.test(division));
  const common = { asOf, division, lang };
  const link = (path: string, params: Record<string, string | undefined>, label: string) =>
    valid ? (
      <a
        className="button"
        href={`/api/supervision/reports/${path}${query({ ...common, ...params })}`}
      >
        {label}
      </a>
    ) : (
      <button type="button" disabled>
        {label}
      </button>
    );

  return (
    <div className="panel-body" data-testid="reports">
      <h2>{t('reportsTitle')}</h2>
      <p className="muted">{t('reportsHint')}</p>
      <div className="form">
        <label>
          {t('asOfDate')}
          <DateInput name="asOf" value={asOf} onChange={setAsOf} />
        </label>
        <label>
          {t('reportDivision')}
          <input
            name="division"
            value={division}
            onChange={(e) => setDivision(e.target.value.trim())}
            placeholder="320300"
            inputMode="numeric"
          />
        </label>
        <label>
          {t('reportLang')}
          <select value={lang} onChange={(e) => setLang(e.target.value === 'en' ? 'en' : 'zh')}>
            <option value="zh">中文</option>
            <option value="en">English</option>
          </select>
        </label>
      </div>
      <h3>{t('summaryReport')}</h3>
      <div className="buttons">
        {link('summary', { format: 'xlsx' }, 'XLSX')} {link('summary', { format: 'csv' }, 'CSV')}
      </div>
      <h3>{t('rankingReport')}</h3>
      <div className="form">
        <label>
          {t('rankingLevel')}
          <select value={level} onChange={(e) => setLevel(e.target.value)}>
            <option value="">{t('levelDefault')}</option>
            <option value="province">{t('levelProvince')}</option>
            <option value="city">{t('levelCity')}</option>
            <option value="county">{t('levelCounty')}</option>
          </select>
        </label>
      </div>
      <div className="buttons" data-testid="ranking-links">
        {link('rankings', { format: 'xlsx', level: level || undefined }, 'XLSX')}{' '}
        {link('rankings', { format: 'csv', level: level || undefined }, 'CSV')}
      </div>
      <h3>{t('bulletin')}</h3>
      <div className="buttons">
        {valid ? (
          <a
            className="button"
            target="_blank"
            rel="noreferrer"
            href={`/api/supervision/reports/bulletin${query(common)}`}
            data-testid="bulletin-link"
          >
            {t('bulletin')}
          </a>
        ) : null}
      </div>
    </div>
  );
}
