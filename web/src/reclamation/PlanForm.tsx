// The reclamation plan as a form: targets per land class beside the land occupied (TL-RECL-04),
// the plan's cost the deposit or guarantee is set from (TL-RECL-06), its number, measures and
// obligor. Opens an obligation from a parcel page, and changes the plan of an open one.
import { useState, type FormEvent } from 'react';
import { api } from '../api/http.ts';
import type { Breakdown, RecordView } from '../api/types.ts';
import { navigate } from '../app/router.tsx';
import { formatNumber, useI18n } from '../i18n/i18n.tsx';
import { ReasonField } from '../register/parts.tsx';
import { FormButtons, TextField } from './fields.tsx';
import { LandClassTable } from './LandClassTable.tsx';
import { landClassKeys } from './labels.ts';
import type { Obligation } from './types.ts';
import { useAction } from './use-action.ts';

type Targets = Record<(typeof landClassKeys)[number], string>;

interface PlanValues {
  targets: Targets;
  estimatedCostYuan: string;
  planNumber: string;
  measures: string;
  obligor: string;
}

const targetsFrom = (b: Breakdown | null): Targets =>
  Object.fromEntries(
    landClassKeys.map((k) => [k, b ? String(Math.round(b[k] * 100) / 100) : '0']),
  ) as Targets;

/**
 * The land the record occupies as the plan checks it: the overlay's breakdown, else the
 * declared one. The default targets are the same areas: every class back as it was, so
 * cultivated land comes back with no less area (TL-RECL-04).
 */
const occupiedOf = (r: RecordView): Breakdown | null =>
  r.computedBreakdown ?? r.declaredBreakdown ?? null;

function PlanFields(props: {
  values: PlanValues;
  occupied: Breakdown | null;
  onChange: (values: PlanValues) => void;
}) {
  const { t } = useI18n();
  const { values: v, onChange } = props;
  const set = (change: Partial<PlanValues>) => onChange({ ...v, ...change });
  return (
    <>
      <LandClassTable
        testId="plan-form-targets"
        heads={[t('reclOccupied'), t('reclTarget')]}
        cells={(k) => [
          formatNumber(props.occupied?.[k]),
          <input
            key={k}
            type="number"
            name={`target-${k}`}
            min={0}
            step="0.01"
            value={v.targets[k]}
            onChange={(e) => set({ targets: { ...v.targets, [k]: e.target.value } })}
            required
          />,
        ]}
      />
      <p className="muted small">{t('squareMetres')}</p>
      <label>
        {t('reclPlanCost')}
        <input
          type="number"
          name="estimatedCostYuan"
          min={0}
          step="0.01"
          value={v.estimatedCostYuan}
          onChange={(e) => set({ estimatedCostYuan: e.target.value })}
          required
        />
      </label>
      <TextField
        name="planNumber"
        label={t('reclPlanNumber')}
        value={v.planNumber}
        onChange={(planNumber) => set({ planNumber })}
      />
      <TextField
        name="obligor"
        label={t('reclObligor')}
        value={v.obligor}
        onChange={(obligor) => set({ obligor })}
        required
      />
      <TextField
        long
        name="measures"
        label={t('reclMeasures')}
        value={v.measures}
        onChange={(measures) => set({ measures })}
      />
    </>
  );
}

/** The plan's body for the API: numbers as numbers, empty texts left out. */
function planBody(v: PlanValues) {
  return {
    targets: Object.fromEntries(landClassKeys.map((k) => [k, Number(v.targets[k])])),
    estimatedCostYuan: Number(v.estimatedCostYuan),
    ...(v.planNumber.trim() ? { planNumber: v.planNumber.trim() } : {}),
    ...(v.measures.trim() ? { measures: v.measures.trim() } : {}),
    ...(v.obligor.trim() ? { obligor: v.obligor.trim() } : {}),
  };
}

function PlanFormShell(props: {
  testId: string;
  title: string;
  submitLabel: string;
  initial: PlanValues;
  occupied: Breakdown | null;
  send: (body: ReturnType<typeof planBody> & { reason: string }) => Promise<unknown>;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useI18n();
  const [values, setValues] = useState(props.initial);
  const [reason, setReason] = useState('');
  const action = useAction(props.onDone);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void action
      .run(() => props.send({ ...planBody(values), reason }))
      .then((ok) => ok && props.onClose());
  };
  return (
    <form className="form" onSubmit={submit} data-testid={props.testId}>
      <h4>{props.title}</h4>
      <PlanFields values={values} occupied={props.occupied} onChange={setValues} />
      <ReasonField label={t('reason')} value={reason} onChange={setReason} />
      <FormButtons
        error={action.error}
        busy={action.busy}
        submit={props.submitLabel}
        onCancel={props.onClose}
      />
    </form>
  );
}

/** On the parcel page of an expired or reclaiming record without an obligation: open one. */
export function OpenObligationForm({ record }: { record: RecordView }) {
  const { t } = useI18n();
  const [opened, setOpened] = useState(false);
  if (!opened)
    return (
      <button type="button" onClick={() => setOpened(true)} data-testid="obligation-open">
        {t('reclOpenObligationAction')}
      </button>
    );
  const occupied = occupiedOf(record);
  return (
    <PlanFormShell
      testId="obligation-form"
      title={t('reclOpenObligationAction')}
      submitLabel={t('reclOpenObligationAction')}
      occupied={occupied}
      initial={{
        targets: targetsFrom(occupied),
        estimatedCostYuan: '',
        planNumber: '',
        measures: '',
        obligor: record.landUser ?? record.projectOwner ?? '',
      }}
      send={async (body) => {
        const created = await api<Obligation>('/api/reclamation/obligations', {
          method: 'POST',
          body: { recordId: record.id, ...body },
        });
        navigate(`/reclamation/obligations/${created.id}`);
      }}
      onClose={() => setOpened(false)}
      onDone={() => undefined}
    />
  );
}

/** On an open obligation's page: change its plan (the version read goes with it). */
export function EditPlanForm(props: { obligation: Obligation; onDone: () => void }) {
  const { t } = useI18n();
  const { obligation: o } = props;
  const [opened, setOpened] = useState(false);
  if (!opened)
    return (
      <button type="button" onClick={() => setOpened(true)} data-testid="plan-edit-open">
        {t('reclEditPlan')}
      </button>
    );
  return (
    <PlanFormShell
      testId="plan-edit-form"
      title={t('reclEditPlan')}
      submitLabel={t('reclSavePlan')}
      occupied={o.occupied?.breakdown ?? null}
      initial={{
        targets: targetsFrom(o.targets),
        estimatedCostYuan: String(o.estimatedCostYuan),
        planNumber: o.planNumber ?? '',
        measures: o.measures ?? '',
        obligor: o.obligor,
      }}
      send={(body) =>
        api(`/api/reclamation/obligations/${o.id}`, {
          method: 'PATCH',
          body: { ...body, version: o.version },
        })
      }
      onClose={() => setOpened(false)}
      onDone={props.onDone}
    />
  );
}
