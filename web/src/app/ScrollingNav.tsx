// The header's navigation: one row that scrolls sideways when its entries do not fit (a
// supervisor's eight, longer in English). Where entries are hidden, the edge fades and an arrow
// shows that there is more; a click on the arrow scrolls that way.
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { useLocation } from './router.tsx';

export function ScrollingNav({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const nav = useRef<HTMLElement>(null);
  const [more, setMore] = useState({ left: false, right: false });

  const measure = useCallback(() => {
    const el = nav.current;
    if (!el) return;
    const left = el.scrollLeft > 1;
    const right = el.scrollLeft + el.clientWidth < el.scrollWidth - 1;
    setMore((m) => (m.left === left && m.right === right ? m : { left, right }));
  }, []);

  useEffect(() => {
    const el = nav.current;
    if (!el) return;
    const resized = new ResizeObserver(measure);
    const watch = () => {
      resized.disconnect();
      resized.observe(el);
      for (const child of Array.from(el.children)) resized.observe(child);
      measure();
    };
    // Entries come and go with the role and the language: watch the new ones too. The observers
    // live as long as the navigation, so a re-render of the header does not disturb a scroll.
    const entries = new MutationObserver(watch);
    entries.observe(el, { childList: true, subtree: true, characterData: true });
    watch();
    el.addEventListener('scroll', measure, { passive: true });
    return () => {
      resized.disconnect();
      entries.disconnect();
      el.removeEventListener('scroll', measure);
    };
  }, [measure]);

  // The active entry is scrolled into view when the page changes, and only then: a re-render
  // for another reason must not pull the navigation back while the user scrolls it.
  const { path } = useLocation();
  useEffect(() => {
    nav.current?.querySelector('a.active')?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }, [path]);

  const scroll = (direction: 1 | -1) =>
    nav.current?.scrollBy({
      left: direction * nav.current.clientWidth * 0.6,
      behavior: 'smooth',
    });

  return (
    <div
      className="nav-scroll"
      data-more-left={more.left}
      data-more-right={more.right}
      data-testid="nav-scroll"
    >
      {more.left ? (
        <button
          type="button"
          className="nav-more left"
          onClick={() => scroll(-1)}
          aria-label={t('navScrollLeft')}
          title={t('navScrollLeft')}
        >
          ‹
        </button>
      ) : null}
      <nav ref={nav}>{children}</nav>
      {more.right ? (
        <button
          type="button"
          className="nav-more right"
          onClick={() => scroll(1)}
          aria-label={t('navScrollRight')}
          title={t('navScrollRight')}
        >
          ›
        </button>
      ) : null}
    </div>
  );
}
