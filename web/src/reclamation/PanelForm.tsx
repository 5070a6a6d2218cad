// Naming the joint panel (natural resources with agriculture, forestry and environment):
// one row per member with their department; a member who logs in here is marked so that they
// may record the verdict (only panel members do).
import { useState, type FormEvent } from 'react';
import { api } from '../api/http.ts';
import { useSession } from '../auth/session.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { ReasonField } from '../register/parts.tsx';
import { departmentLabel, panelDepartments, type PanelDepartment } from './labels.ts';
import type { Acceptance } from './types.ts';
import { FormButtons } from './fields.tsx';
import { useAction } from './use-action.ts';

interface Row {
  name: string;
  department: PanelDepartment;
  userId: string | null;
}

export function PanelForm(props: {
  acceptance: Acceptance;
  initial: Acceptance['panel'];
  onDone: () => void;
}) {
  const { t, lang } = useI18n();
  const session = useSession();
  const me = session.state.status === 'user' ? session.state.user : null;
  const start: Row[] =
    props.initial.length > 0
      ? props.initial.map((m) => ({
          name: m.name,
          department: m.department,
          userId: m.userId ?? null,
        }))
      : panelDepartments.map((d) => ({ name: '', department: d, userId: null }));
  const [rows, setRows] = useState<Row[]>(start);
  const [opened, setOpened] = useState(false);
  const [reason, setReason] = useState('');
  const action = useAction(props.onDone);
  if (!opened)
    return (
      <button type="button" onClick={() => setOpened(true)} data-testid="panel-open">
        {props.acceptance.panel.length > 0 ? t('reclChangePanel') : t('reclNamePanel')}
      </button>
    );
  const set = (i: number, change: Partial<Row>) =>
    setRows(rows.map((r, j) => (j === i ? { ...r, ...change } : r)));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void action
      .run(() =>
        api(`/api/reclamation/acceptances/${props.acceptance.id}/panel`, {
          method: 'POST',
          body: {
            members: rows
              .filter((r) => r.name.trim() !== '')
              .map((r) => ({ name: r.name, department: r.department, userId: r.userId })),
            version: props.acceptance.version,
            reason,
          },
        }),
      )
      .then((ok) => ok && setOpened(false));
  };
  return (
    <form className="form" onSubmit={submit} data-testid="panel-form">
      {rows.map((r, i) => (
        <div className="panel-row" key={i} data-testid={`panel-row-${i}`}>
          <select
            name={`department-${i}`}
            value={r.department}
            onChange={(e) => set(i, { department: e.target.value as PanelDepartment })}
          >
            {panelDepartments.map((d) => (
              <option key={d} value={d}>
                {departmentLabel(d, lang)}
              </option>
            ))}
          </select>
          <input
            name={`member-${i}`}
            value={r.name}
            placeholder={t('reclMemberName')}
            onChange={(e) => set(i, { name: e.target.value })}
          />
          {me ? (
            <label className="check">
              <input
                type="checkbox"
                name={`me-${i}`}
                checked={r.userId === me.id}
                onChange={(e) =>
                  set(
                    i,
                    e.target.checked
                      ? { userId: me.id, name: r.name || me.displayName }
                      : { userId: null },
                  )
                }
              />{' '}
              {t('reclThisIsMe')}
            </label>
          ) : null}
        </div>
      ))}
      <button
        type="button"
        className="link"
        onClick={() =>
          setRows([...rows, { name: '', department: 'natural_resources', userId: null }])
        }
      >
        {t('reclAddMember')}
      </button>
      <ReasonField label={t('reason')} value={reason} onChange={setReason} />
      <FormButtons
        error={action.error}
        busy={action.busy}
        submit={t('reclSavePanel')}
        onCancel={() => setOpened(false)}
      />
    </form>
  );
}
