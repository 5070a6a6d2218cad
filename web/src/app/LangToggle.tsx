// Switches between 中文 and English; the choice is kept (localStorage).
import { useI18n } from '../i18n/i18n.tsx';

export function LangToggle({ className = 'lang' }: { className?: string }) {
  const { t, lang, setLang } = useI18n();
  return (
    <button
      type="button"
      className={className}
      onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}
    >
      {t('language')}
    </button>
  );
}
