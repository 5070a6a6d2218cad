// Restoration projects in the caller's division, filtered by division (the counties below a
// city, the cities below a province), restoration type and state, with their progress
// against target, a hundred a page; the projects of the page are drawn on the map, a click on
// either opens one.
import { useState } from 'react';
import { query } from '../api/http.ts';
import type { Division } from '../api/types.ts';
import { Pager, usePaging } from '../app/Pager.tsx';
import { Link, navigate } from '../app/router.tsx';
import { useSession } from '../auth/session.tsx';
import { formatNumber, useI18n } from '../i18n/i18n.tsx';
import { useApi } from '../supervision/use-api.ts';
import { hectares, projectStates, restorationTypes, stateLabel, typeLabel } from './labels.ts';
import { useProjectLayer } from './project-layer.ts';
import type { Project } from './types.ts';

/** Projects per page (the map shows those of the page). */
const pageSize = 100;

export function ProjectList() {
  const { t, lang } = useI18n();
  const session = useSession();
  const own = session.state.status === 'user' ? session.state.user.divisionCode : null;
  const [divisionCode, setDivisionCode] = useState('');
  const [type, setType] = useState('');
  const [state, setState] = useState('');
  const divisions = useApi<{ items: Division[] }>(own ? `/api/divisions?parent=${own}` : null);
  const paging = usePaging(`${divisionCode}|${type}|${state}`, pageSize);
  const projects = useApi<{ items: Project[]; total: number }>(
    `/api/restoration/projects${query({ divisionCode, type, state, limit: pageSize, offset: paging.offset })}`,
  );
  useProjectLayer(projects.data?.items ?? null, { focus: true });

  return (
    <div className="panel-body" data-testid="restoration-projects">
      <h2>{t('restProjectsTitle')}</h2>
      <div className="filters">
        {divisions.data && divisions.data.items.length > 0 ? (
          <select
            name="divisionCode"
            value={divisionCode}
            onChange={(e) => setDivisionCode(e.target.value)}
          >
            <option value="">{t('restAllDivisions')}</option>
            {divisions.data.items.map((d) => (
              <option key={d.code} value={d.code}>
                {d.name}
              </option>
            ))}
          </select>
        ) : null}
        <select name="type" value={type} onChange={(e) => setType(e.target.value)}>
          <option value="">{t('restAllTypes')}</option>
          {restorationTypes.map((r) => (
            <option key={r} value={r}>
              {typeLabel(r, lang)}
            </option>
          ))}
        </select>
        <select name="state" value={state} onChange={(e) => setState(e.target.value)}>
          <option value="">{t('restAllStates')}</option>
          {projectStates.map((s) => (
            <option key={s} value={s}>
              {stateLabel(s, lang)}
            </option>
          ))}
        </select>
        <Link to="/restoration/new" className="button">
          {t('restNewProject')}
        </Link>
      </div>
      {projects.error ? <p className="error">{projects.error}</p> : null}
      {projects.data ? (
        <p className="muted">{t('total', { n: projects.data.total })}</p>
      ) : (
        <p className="muted">{t('loading')}</p>
      )}
      {projects.data && projects.data.items.length === 0 ? (
        <p className="muted">{t('restNoProjects')}</p>
      ) : null}
      <table className="small clickable" data-testid="project-list">
        <thead>
          <tr>
            <th>{t('restName')}</th>
            <th>{t('restTypes')}</th>
            <th>{t('restState')}</th>
            <th className="num">{t('restArea')}</th>
            <th className="num">{t('restProgress')}</th>
          </tr>
        </thead>
        <tbody>
          {projects.data?.items.map((p) => (
            <tr
              key={p.id}
              data-project={p.id}
              onClick={() => navigate(`/restoration/projects/${p.id}`)}
            >
              <td>
                {p.name}
                <div className="muted">
                  {p.divisionName} · {p.responsibleUnit}
                </div>
              </td>
              <td>
                {Object.keys(p.targetAreaM2)
                  .map((k) => typeLabel(k, lang))
                  .join('、')}
              </td>
              <td>{stateLabel(p.state, lang)}</td>
              <td className="num">{formatNumber(hectares(p.areaM2))}</td>
              <td className="num progress-cell">
                {p.progress.overall.percent === null ? '—' : `${p.progress.overall.percent}%`}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Pager total={projects.data?.total} paging={paging} />
    </div>
  );
}
