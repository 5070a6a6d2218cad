// Pieces the notice board and a notice's page share: its window as the kind counts it
// (working or calendar days, PN-01/02) and its title in the chosen language.
import { useI18n } from '../i18n/i18n.tsx';
import type { PublicNotice } from './types.ts';

export function noticeTitle(notice: PublicNotice, lang: 'zh' | 'en'): string {
  return lang === 'en' && notice.title.en ? notice.title.en : notice.title.zh;
}

/** "Open … to … (30 calendar days)" and what is left of it today. */
export function NoticeWindow({ notice }: { notice: PublicNotice }) {
  const { t } = useI18n();
  const w = notice.window;
  if (!w) return null;
  const unit = t(w.unit === 'working' ? 'unitWorking' : 'unitCalendar');
  let remaining: string;
  let tone: string;
  if (w.open && w.lastDay) {
    remaining = t('lastDay');
    tone = 'soon';
  } else if (w.open) {
    remaining = t(w.unit === 'working' ? 'remainingWorking' : 'remainingCalendar', {
      n: w.daysRemaining,
    });
    tone = w.daysRemaining <= 3 ? 'soon' : 'ok';
  } else {
    remaining = notice.state === 'closed' ? t('noticeClosed') : t('windowEnded');
    tone = 'ended';
  }
  return (
    <span className="notice-window">
      <span className="muted small">
        {t('windowRange', { from: w.publishedOn, to: w.endsOn, n: w.length, unit })}
      </span>
      <span className={`countdown ${tone}`} data-testid="notice-remaining">
        {remaining}
        {w.provisional ? '*' : ''}
      </span>
    </span>
  );
}
