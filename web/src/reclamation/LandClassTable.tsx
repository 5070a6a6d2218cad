// A table of the six land classes with two columns of areas (or inputs): occupied against
// target, before against after. Each row carries its class in data-class.
import type { ReactNode } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { landClassKeys } from './labels.ts';

export type LandClassKey = (typeof landClassKeys)[number];

export function LandClassTable(props: {
  testId?: string;
  className?: string;
  heads: [string, string];
  cells: (k: LandClassKey) => [ReactNode, ReactNode];
  /** Extra classes of the two cells (beside `num`). */
  cellClasses?: [string, string];
}) {
  const { t } = useI18n();
  const [a, b] = props.cellClasses ?? ['', ''];
  return (
    <table className={props.className ?? 'small'} data-testid={props.testId}>
      <thead>
        <tr>
          <th>{t('landClass')}</th>
          <th className="num">{props.heads[0]}</th>
          <th className="num">{props.heads[1]}</th>
        </tr>
      </thead>
      <tbody>
        {landClassKeys.map((k) => {
          const [first, second] = props.cells(k);
          return (
            <tr key={k} data-class={k}>
              <th>{t(k)}</th>
              <td className={`num ${a}`.trim()}>{first}</td>
              <td className={`num ${b}`.trim()}>{second}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
