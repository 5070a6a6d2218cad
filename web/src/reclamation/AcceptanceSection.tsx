// The acceptance workflow of an obligation (TL-RECL-05): its rounds, newest first, and the
// application (by the land user, or the clerk on its behalf) once the record is reclaiming and
// no round is pending — with the reclamation region and the indicators measured, which the
// server checks against the bureau's acceptance criteria.
import { useState, type FormEvent } from 'react';
import { api } from '../api/http.ts';
import { todayInShanghai, useI18n } from '../i18n/i18n.tsx';
import { ReasonField } from '../register/parts.tsx';
import { useApi } from '../supervision/use-api.ts';
import { AcceptanceRound } from './AcceptanceRound.tsx';
import type { Obligation } from './types.ts';
import { DateField, FormButtons, TextField } from './fields.tsx';
import { useAction } from './use-action.ts';

interface Criterion {
  region: string;
  direction: string;
  indicator: string;
  indicatorZh: string | null;
  unit: string;
}

export function AcceptanceSection(props: {
  obligation: Obligation;
  canWrite: boolean;
  /** The land user's own (enterprise) account: it applies, as the land user; no panel, no verdict. */
  asLandUser?: boolean;
  onDone: () => void;
}) {
  const { t } = useI18n();
  const o = props.obligation;
  const rounds = [...o.acceptances].reverse();
  const pending = o.acceptances.some((a) => a.status === 'applied');
  const canApply = props.canWrite || (props.asLandUser ?? false);
  const mayApply = canApply && o.status === 'open' && o.recordState === 'reclaiming' && !pending;
  return (
    <div data-testid="acceptance">
      {rounds.length === 0 ? <p className="muted">{t('reclNoAcceptance')}</p> : null}
      {mayApply ? (
        <ApplyForm obligation={o} asLandUser={props.asLandUser ?? false} onDone={props.onDone} />
      ) : null}
      {canApply && o.status === 'open' && o.recordState !== 'reclaiming' ? (
        <p className="muted">{t('reclApplyWhenReclaiming')}</p>
      ) : null}
      {rounds.map((a) => (
        <AcceptanceRound
          key={a.id}
          acceptance={a}
          previousPanel={o.acceptances.find((r) => r.round === a.round - 1)?.panel ?? []}
          canWrite={props.canWrite}
          onDone={props.onDone}
        />
      ))}
    </div>
  );
}

/** Directions the criteria are kept by, for the land classes the plan reclaims to. */
function planDirections(o: Obligation): string[] {
  const d: string[] = [];
  if (o.targets.cultivatedM2 + o.targets.farmlandM2 > 0) d.push('cultivated');
  if (o.targets.forestM2 > 0) d.push('forest');
  if (o.targets.constructionM2 > 0) d.push('construction');
  return d;
}

function ApplyForm({
  obligation: o,
  asLandUser,
  onDone,
}: {
  obligation: Obligation;
  asLandUser: boolean;
  onDone: () => void;
}) {
  const { t, lang } = useI18n();
  const last = o.acceptances.at(-1);
  const [filedBy, setFiledBy] = useState<'land_user' | 'clerk_on_behalf'>('land_user');
  const [applicant, setApplicant] = useState(o.obligor);
  const [appliedOn, setAppliedOn] = useState(todayInShanghai());
  const [statement, setStatement] = useState('');
  const [region, setRegion] = useState(last?.criteriaRegion ?? '');
  const [values, setValues] = useState<Record<string, string>>({});
  const [reason, setReason] = useState('');
  const action = useAction(onDone);
  const all = useApi<{ items: Criterion[] }>('/api/restoration/criteria');
  const regions = [...new Set((all.data?.items ?? []).map((c) => c.region))].sort();
  const directions = planDirections(o);
  const indicators = new Map<string, Criterion>();
  for (const c of all.data?.items ?? [])
    if (c.region === region && directions.includes(c.direction))
      indicators.set(`${c.indicator}|${c.unit}`, c);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const measured = [...indicators.entries()]
      .filter(([key]) => (values[key] ?? '') !== '')
      .map(([key, c]) => ({ indicator: c.indicator, unit: c.unit, value: Number(values[key]) }));
    void action.run(() =>
      api(`/api/reclamation/obligations/${o.id}/acceptances`, {
        method: 'POST',
        body: {
          appliedOn,
          filedBy,
          ...(applicant ? { applicant } : {}),
          ...(statement ? { statement } : {}),
          ...(region ? { criteriaRegion: region, measured } : {}),
          reason,
        },
      }),
    );
  };
  return (
    <form className="form" onSubmit={submit} data-testid="apply-form">
      <h4>{last ? t('reclApplyAgain', { n: last.round + 1 }) : t('reclApply')}</h4>
      {last?.status === 'failed' ? (
        <p className="muted">{t('reclApplyAfterFail', { d: last.rectificationDueOn ?? '' })}</p>
      ) : null}
      {asLandUser ? null : (
        <label>
          {t('reclFiledBy')}
          <select
            name="filedBy"
            value={filedBy}
            onChange={(e) => setFiledBy(e.target.value as 'land_user' | 'clerk_on_behalf')}
          >
            <option value="land_user">{t('reclFiledBy_land_user')}</option>
            <option value="clerk_on_behalf">{t('reclFiledBy_clerk_on_behalf')}</option>
          </select>
        </label>
      )}
      <TextField
        name="applicant"
        label={t('reclApplicant')}
        value={applicant}
        onChange={setApplicant}
      />
      <DateField
        name="appliedOn"
        label={t('reclAppliedOn')}
        value={appliedOn}
        onChange={setAppliedOn}
      />
      <TextField
        long
        name="statement"
        label={t('reclApplicationStatement')}
        value={statement}
        onChange={setStatement}
      />
      <label>
        {t('reclCriteriaRegion')}
        <select name="criteriaRegion" value={region} onChange={(e) => setRegion(e.target.value)}>
          <option value="">{t('reclNoRegion')}</option>
          {regions.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
      </label>
      {indicators.size > 0 ? (
        <fieldset className="measured" data-testid="measured">
          <legend>{t('reclMeasured')}</legend>
          {[...indicators.entries()].map(([key, c]) => (
            <label key={key}>
              {lang === 'zh' && c.indicatorZh ? c.indicatorZh : c.indicator} ({c.unit})
              <input
                type="number"
                step="any"
                name={`measured-${c.indicator}`}
                value={values[key] ?? ''}
                onChange={(e) => setValues({ ...values, [key]: e.target.value })}
              />
            </label>
          ))}
        </fieldset>
      ) : null}
      <ReasonField label={t('reason')} value={reason} onChange={setReason} />
      <FormButtons error={action.error} busy={action.busy} submit={t('reclApply')} />
    </form>
  );
}
