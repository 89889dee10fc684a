/**
 * Enterprise search (name, USCC or address) as an ARIA 1.2 combobox: type, arrow to a result,
 * Enter to fly there and open its card. Escape closes the list.
 */
import { useId, useState } from 'react';
import { type SearchItem, useSearchEnterprises } from '../api/search-enterprises';
import { useI18n } from '../i18n/use-i18n';
import { mapController } from '../map/map-controller';
import { setViewState } from '../state/view-store';
import { CodeSymbol } from './CodeSymbol';
import { useDebounced } from './use-debounced';

export function SearchBox() {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const q = useDebounced(text.trim(), 250);
  const search = useSearchEnterprises(q);
  const listId = useId();
  const items = q ? (search.data?.items ?? []) : [];
  const showList = open && q.length > 0;

  const choose = (item: SearchItem) => {
    setViewState((s) => ({ ...s, selected: { type: 'enterprise', id: item.id } }));
    mapController.flyTo(item.lon, item.lat, 14);
    setOpen(false);
    setText(item.name);
  };

  return (
    <search className="search">
      <svg className="search-icon" viewBox="0 0 24 24" aria-hidden="true">
        <circle cx="11" cy="11" r="7" fill="none" stroke="currentColor" strokeWidth="2" />
        <path d="M16.5 16.5L21 21" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
      </svg>
      <input
        type="search"
        role="combobox"
        aria-label={t('search.label')}
        aria-expanded={showList}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={showList && active >= 0 ? `${listId}-${active}` : undefined}
        placeholder={t('search.placeholder')}
        value={text}
        maxLength={100}
        onChange={(e) => {
          setText(e.target.value);
          setOpen(true);
          setActive(-1);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') {
            e.preventDefault();
            setOpen(true);
            setActive((a) => Math.min(items.length - 1, a + 1));
          } else if (e.key === 'ArrowUp') {
            e.preventDefault();
            setActive((a) => Math.max(0, a - 1));
          } else if (e.key === 'Enter') {
            const item = items[Math.max(active, 0)];
            if (item) choose(item);
          } else if (e.key === 'Escape') {
            setOpen(false);
          }
        }}
      />
      {showList && (
        <div className="search-popup">
          <div id={listId} role="listbox" aria-label={t('search.label')} className="search-list">
            {items.map((item, i) => (
              // biome-ignore lint/a11y/useKeyWithClickEvents: keys are handled on the combobox input (aria-activedescendant)
              <div
                key={item.id}
                id={`${listId}-${i}`}
                tabIndex={-1}
                role="option"
                aria-selected={i === active}
                className={i === active ? 'is-active' : undefined}
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => choose(item)}
                onMouseEnter={() => setActive(i)}
              >
                <CodeSymbol colour={item.colour} size={14} />
                <span className="search-name" lang="zh">
                  {item.name}
                </span>
                <span className="search-meta">{item.uscc}</span>
                <span className="search-addr" lang="zh">
                  {item.address}
                </span>
              </div>
            ))}
          </div>
          <div className="search-status" role="status" aria-live="polite">
            {search.isFetching
              ? t('search.searching')
              : search.isError
                ? search.error.message
                : items.length === 0
                  ? t('search.noResults')
                  : t('search.results', { count: search.data?.total ?? items.length })}
          </div>
        </div>
      )}
    </search>
  );
}
