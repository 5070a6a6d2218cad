// Deadline countdowns in Chinese working days (调休 included), counted by the server's
// calendar (/api/calendar/working-days-between) from today in Asia/Shanghai.
import { useEffect, useState } from 'react';
import { api, query } from '../api/http.ts';
import { todayInShanghai, useI18n } from '../i18n/i18n.tsx';

interface Count {
  count: number;
  provisional: boolean;
}

const cache = new Map<string, Promise<Count>>();

function workingDays(from: string, to: string): Promise<Count> {
  const key = `${from}/${to}`;
  let found = cache.get(key);
  if (!found) {
    found = api<Count>(`/api/calendar/working-days-between${query({ from, to })}`);
    cache.set(key, found);
  }
  return found;
}

/** Working days from today to `deadline` (negative once it has passed). */
export function useWorkingDaysUntil(deadline: string | null | undefined): Count | null {
  const [result, setResult] = useState<Count | null>(null);
  useEffect(() => {
    if (!deadline) return;
    let cancelled = false;
    const today = todayInShanghai();
    const ahead = deadline >= today;
    workingDays(ahead ? today : deadline, ahead ? deadline : today)
      .then((c) => {
        if (!cancelled)
          setResult({ count: ahead ? c.count : -c.count, provisional: c.provisional });
      })
      .catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }, [deadline]);
  return deadline ? result : null;
}

export function Countdown({ deadline }: { deadline: string | null | undefined }) {
  const { t } = useI18n();
  const days = useWorkingDaysUntil(deadline);
  if (!deadline) return <span className="muted">—</span>;
  if (!days) return <span className="muted">…</span>;
  const over = days.count < 0;
  const tone = over ? 'over' : days.count <= 20 ? 'soon' : 'ok';
  return (
    <span className={`countdown ${tone}`} title={days.provisional ? t('provisional') : undefined}>
      {over ? t('workingDaysOver', { n: -days.count }) : t('workingDaysLeft', { n: days.count })}
      {days.provisional ? '*' : ''}
    </span>
  );
}
