// The header's county picker for a city, province or ministry user: a button naming what the
// pages show (the whole division or one county) opens a panel that browses one level at a time
// (the nation's provinces, a province's cities and the counties directly under it, a city's
// counties) or searches a county by name or code anywhere in the user's division. Keyboard:
// the search field keeps the focus; ↑/↓ move through the list, Enter (or → on a province or
// city) opens a level or picks a county, ← or Backspace in an empty field goes up a level, Esc
// closes.
import { Fragment, useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { isWithinDivision } from '../../../src/reference/divisions/domain/division-code.ts';
import type { Division } from '../api/types.ts';
import { useI18n } from '../i18n/i18n.tsx';
import {
  searchShown,
  trailTo,
  useChildren,
  useCountySearch,
  useTrailNames,
} from './division-levels.ts';
import { useDivisionScope } from './division-scope.tsx';

export function DivisionPicker({ ownName }: { ownName: string }) {
  const { t } = useI18n();
  const { scope, picked, pickedName } = useDivisionScope();
  const [open, setOpen] = useState(false);
  const wrap = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  // A click anywhere else closes the panel.
  useEffect(() => {
    if (!open) return;
    const away = (e: MouseEvent) => {
      if (!wrap.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', away);
    return () => document.removeEventListener('mousedown', away);
  }, [open]);

  if (!scope) return null;
  const close = () => {
    setOpen(false);
    button.current?.focus();
  };
  return (
    <div
      className="division-picker"
      ref={wrap}
      // Tabbing out of the panel closes it (a click elsewhere does, above).
      onBlur={(e) => {
        if (e.relatedTarget && !e.currentTarget.contains(e.relatedTarget)) setOpen(false);
      }}
    >
      <button
        ref={button}
        type="button"
        className="division-picker-button"
        data-testid="division-picker"
        data-picked={picked ?? ''}
        aria-haspopup="dialog"
        aria-expanded={open}
        title={t('pickDivision')}
        onClick={() => setOpen((o) => !o)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' && !open) {
            e.preventDefault();
            setOpen(true);
          }
        }}
      >
        <span className="division-picker-label">
          {picked ? pickedName : t('wholeDivision', { name: ownName })}
        </span>
        <span aria-hidden="true">▾</span>
      </button>
      {open ? <PickerPanel scope={scope} ownName={ownName} close={close} /> : null}
    </div>
  );
}

/** One line of the panel's list: the whole division, a level to open, or a county to pick. */
type Row =
  { kind: 'whole'; key: string } | { kind: 'open' | 'pick'; key: string; division: Division };

function PickerPanel(props: { scope: string; ownName: string; close: () => void }) {
  const { scope, ownName, close } = props;
  const { t } = useI18n();
  const { picked, pickedDivision, pick } = useDivisionScope();
  // The panel opens where the picked county lies, else at the user's own division.
  const [at, setAt] = useState(() =>
    pickedDivision?.parentCode && isWithinDivision(pickedDivision.parentCode, scope)
      ? pickedDivision.parentCode
      : scope,
  );
  const [typed, setTyped] = useState('');
  // The line the keys act on, by its code: the picked county at first, the level just left
  // after going up; the first line when it is not in the list.
  const [activeKey, setActiveKey] = useState<string | null>(picked);
  const input = useRef<HTMLInputElement>(null);
  const listId = useId();
  const children = useChildren(at);
  const search = useCountySearch(scope, typed);
  const trail = trailTo(at, scope);
  const names = useTrailNames(trail);

  const searching = search.text !== '';
  const source = searching ? search.found : children;
  const rows: Row[] = !searching && at === scope ? [{ kind: 'whole', key: '' }] : [];
  if (Array.isArray(source)) {
    for (const division of source) {
      rows.push({
        kind: division.level === 'county' ? 'pick' : 'open',
        key: division.code,
        division,
      });
    }
  }
  const current = Math.max(
    0,
    rows.findIndex((row) => row.key === activeKey),
  );
  const moveTo = (i: number) =>
    setActiveKey(rows[Math.max(0, Math.min(i, rows.length - 1))]?.key ?? null);
  const optionId = (i: number) => `${listId}-option-${i}`;

  useEffect(() => input.current?.focus(), []);
  useEffect(() => {
    document.getElementById(`${listId}-option-${current}`)?.scrollIntoView({ block: 'nearest' });
  }, [listId, current]);

  const go = (code: string, activeThen: string | null = null) => {
    setAt(code);
    setActiveKey(activeThen);
  };
  const up = () => {
    const above = trail[trail.length - 2];
    if (above) go(above, at);
  };
  const choose = (row: Row) => {
    if (row.kind === 'open') {
      go(row.division.code);
      input.current?.focus();
      return;
    }
    pick(row.kind === 'pick' ? row.division : null);
    close();
  };
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    const row = rows[current];
    const handled = ((): boolean => {
      switch (e.key) {
        case 'ArrowDown':
          moveTo(current + 1);
          return true;
        case 'ArrowUp':
          moveTo(current - 1);
          return true;
        case 'Enter':
          if (row) choose(row);
          return true;
        case 'ArrowRight':
          if (typed || row?.kind !== 'open') return false;
          choose(row);
          return true;
        case 'ArrowLeft':
        case 'Backspace':
          if (typed || at === scope) return false;
          up();
          return true;
        case 'Escape':
          close();
          return true;
        default:
          return false;
      }
    })();
    if (handled) e.preventDefault();
  };

  const status =
    source === null
      ? t('loading')
      : source === 'failed'
        ? t('divisionsFailed')
        : source.length === 0
          ? searching
            ? t('divisionNoMatch', { q: search.text })
            : t('divisionNoCounties')
          : searching && search.more
            ? t('divisionMore', { n: searchShown })
            : '';

  return (
    <div
      className="division-picker-panel"
      role="dialog"
      aria-label={t('pickDivision')}
      data-testid="division-picker-panel"
    >
      <input
        ref={input}
        type="search"
        role="combobox"
        aria-expanded="true"
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={rows.length > 0 ? optionId(current) : undefined}
        aria-label={t('divisionSearch')}
        placeholder={t('divisionSearch')}
        maxLength={40}
        value={typed}
        data-testid="division-search"
        onChange={(e) => {
          setTyped(e.target.value);
          setActiveKey(null);
        }}
        onKeyDown={onKey}
      />
      {searching ? null : (
        <nav
          className="division-trail"
          aria-label={t('divisionTrail')}
          data-testid="division-trail"
        >
          {trail.map((code, i) => (
            <Fragment key={code}>
              {i > 0 ? <span aria-hidden="true">›</span> : null}
              {code === at ? (
                <strong aria-current="location">{i === 0 ? ownName : (names[code] ?? code)}</strong>
              ) : (
                <button
                  type="button"
                  data-code={code}
                  onMouseDown={(e) => e.preventDefault()}
                  onClick={() => {
                    go(code);
                    input.current?.focus();
                  }}
                >
                  {i === 0 ? ownName : (names[code] ?? code)}
                </button>
              )}
            </Fragment>
          ))}
        </nav>
      )}
      <ul
        id={listId}
        role="listbox"
        aria-label={t('divisionOptions')}
        data-testid="division-options"
      >
        {rows.map((row, i) => (
          <li
            key={row.key || 'whole'}
            id={optionId(i)}
            role="option"
            aria-selected={i === current}
            className={`${i === current ? 'active' : ''} ${row.key === (picked ?? '') ? 'picked' : ''}`}
            data-code={row.key}
            data-kind={row.kind}
            // The search field keeps the focus, so the keys go on working after a click.
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => choose(row)}
          >
            {row.kind === 'whole' ? (
              <span className="name">{t('wholeDivision', { name: ownName })}</span>
            ) : (
              <>
                <span className="name">{row.division.name}</span>
                <span className="context">
                  {searching && row.division.parentName ? `${row.division.parentName} · ` : ''}
                  {row.division.code}
                </span>
              </>
            )}
            <span className="mark" aria-hidden="true">
              {row.kind === 'open' ? '›' : row.key === (picked ?? '') ? '✓' : ''}
            </span>
          </li>
        ))}
      </ul>
      <p className="division-status" role="status" data-testid="division-status">
        {status}
      </p>
      <p className="division-keys">{t('divisionKeys')}</p>
    </div>
  );
}
