/**
 * The analysts' table of the filtered enterprises, a drawer under the map: virtualised (only
 * the visible rows are in the DOM), sortable by any column, and synced with the map both ways —
 * a row click selects the enterprise (the map flies there, its card opens), and an enterprise
 * selected on the map is highlighted and scrolled into view here.
 */
import {
  createColumnHelper,
  flexRender,
  getCoreRowModel,
  getSortedRowModel,
  type SortingState,
  useReactTable,
} from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { type KeyboardEvent, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useHealth } from '../api/get-health';
import { useIndustries } from '../api/get-industries';
import { useParks } from '../api/get-parks';
import { useRegions } from '../api/get-regions';
import { type EnterpriseItem, useEnterpriseList } from '../api/list-enterprises';
import { AsOfNote } from '../components/AsOfNote';
import { CodeSymbol } from '../components/CodeSymbol';
import { StateMessage } from '../components/StateMessage';
import { useI18n } from '../i18n/use-i18n';
import { mapController } from '../map/map-controller';
import { useEnterpriseColumns } from '../map/use-enterprise-columns';
import { usePeriodWindow } from '../state/use-period-window';
import { setViewState, useViewState } from '../state/view-store';
import { ExportButtons } from './ExportButtons';
import { setTableOpen, useTableOpen } from './table-store';
import './table.css';

type Row = EnterpriseItem & { countyName: string; parkName: string; industryName: string };
const COLOUR_RANK = { red: 0, yellow: 1, green: 2 } as const;
const collator = new Intl.Collator('zh-CN');
const helper = createColumnHelper<Row>();

export function EnterpriseTableDrawer() {
  const open = useTableOpen();
  if (!open) return null;
  return <EnterpriseTable />;
}

function EnterpriseTable() {
  const { t, fmt, place, industry } = useI18n();
  const view = useViewState();
  const dataVersion = useHealth().data?.dataVersion;
  const period = usePeriodWindow();
  const list = useEnterpriseList(view.filters, dataVersion, true, period?.codesAsOf ?? null);
  const parks = useParks(dataVersion);
  const counties = useRegions('county');
  const industries = useIndustries(dataVersion);
  const { shown } = useEnterpriseColumns();
  const [sorting, setSorting] = useState<SortingState>([]);

  const names = useMemo(() => {
    const park = new Map(parks.data?.features.map((f) => [f.properties.id, place(f.properties.name)]) ?? []);
    const county = new Map(counties.data?.features.map((f) => [f.properties.code, place(f.properties.name)]) ?? []);
    const name = new Map(industries.data?.items.map((i) => [i.code, industry(i.code, i.name)]) ?? []);
    return { park, county, industry: name };
  }, [parks.data, counties.data, industries.data, place, industry]);

  const rows = useMemo((): Row[] => {
    return (list.data?.items ?? []).map((e) => ({
      ...e,
      countyName: names.county.get(e.countyCode) ?? e.countyCode,
      parkName: e.parkId === null ? '' : (names.park.get(e.parkId) ?? String(e.parkId)),
      industryName: names.industry.get(e.industryCode) ?? e.industryCode,
    }));
  }, [list.data, names]);

  const columns = useMemo(
    () => [
      helper.accessor('name', {
        header: t('table.col.name'),
        sortingFn: (a, b) => collator.compare(a.original.name, b.original.name),
        cell: (c) => <span lang="zh">{c.getValue()}</span>,
      }),
      helper.accessor((r) => COLOUR_RANK[r.colour], {
        id: 'colour',
        header: t('table.col.colour'),
        cell: (c) => (
          <span className="cell-colour">
            <CodeSymbol colour={c.row.original.colour} size={13} /> {t(`colour.${c.row.original.colour}`)}
          </span>
        ),
      }),
      helper.accessor('score', {
        header: t('table.col.score'),
        cell: (c) => <span className="num">{c.getValue()}</span>,
      }),
      helper.accessor('countyName', {
        header: t('table.col.county'),
        sortingFn: (a, b) => collator.compare(a.original.countyName, b.original.countyName),
      }),
      helper.accessor('parkName', {
        header: t('table.col.park'),
        sortingFn: (a, b) => collator.compare(a.original.parkName, b.original.parkName),
        cell: (c) => c.getValue() || <span className="muted">—</span>,
      }),
      helper.accessor('industryCode', {
        header: t('table.col.industry'),
        cell: (c) => <span title={c.row.original.industryName}>{c.row.original.industryName}</span>,
      }),
      helper.accessor('keyPollutant', {
        header: t('table.col.keyPollutant'),
        cell: (c) =>
          c.getValue() ? (
            <span className="tag tag--key-inline">{t('table.yes')}</span>
          ) : (
            <span className="muted">{t('table.no')}</span>
          ),
      }),
      helper.accessor('insured', {
        header: t('table.col.insured'),
        cell: (c) => (c.getValue() ? t('table.yes') : <span className="muted">{t('table.no')}</span>),
      }),
      helper.accessor('uscc', {
        header: t('table.col.uscc'),
        cell: (c) => <span className="mono">{c.getValue()}</span>,
      }),
    ],
    [t],
  );

  const table = useReactTable({
    data: rows,
    columns,
    state: { sorting },
    onSortingChange: setSorting,
    sortDescFirst: false, // first click ascending, for numbers too
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    getRowId: (r) => String(r.id),
  });
  const sorted = table.getRowModel().rows;

  const scroller = useRef<HTMLDivElement>(null);
  const rowHeight = useMemo(
    () => Math.round(Number.parseFloat(getComputedStyle(document.documentElement).fontSize) * 2.15),
    [],
  );
  // The sticky header sits above the first row inside the scroller: the virtualizer must know,
  // or "scroll to row" would leave the row hidden under the bottom edge by the header's height.
  const head = useRef<HTMLTableSectionElement>(null);
  const [headHeight, setHeadHeight] = useState(0);
  useLayoutEffect(() => {
    if (head.current) setHeadHeight(head.current.offsetHeight);
  });
  const virtualizer = useVirtualizer({
    scrollMargin: headHeight,
    count: sorted.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => rowHeight,
    overscan: 12,
  });

  // Map → table: a selection made elsewhere scrolls its row into view.
  const selectedId = view.selected?.type === 'enterprise' ? view.selected.id : null;
  const indexOf = useMemo(() => new Map(sorted.map((r, i) => [r.original.id, i])), [sorted]);
  useEffect(() => {
    if (selectedId === null) return;
    const i = indexOf.get(selectedId);
    if (i !== undefined) virtualizer.scrollToIndex(i, { align: 'auto' });
  }, [selectedId, indexOf, virtualizer]);

  // Table → map: select, fly, open the card.
  const select = (r: Row) => {
    setViewState((s) => ({ ...s, selected: { type: 'enterprise', id: r.id } }));
    mapController.flyTo(r.lon, r.lat, 14);
  };
  const onRowKey = (e: KeyboardEvent<HTMLTableRowElement>, index: number) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      select(sorted[index].original);
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const next = Math.min(sorted.length - 1, Math.max(0, index + (e.key === 'ArrowDown' ? 1 : -1)));
      virtualizer.scrollToIndex(next, { align: 'auto' });
      requestAnimationFrame(() => scroller.current?.querySelector<HTMLElement>(`tr[data-index="${next}"]`)?.focus());
    }
  };

  const items = virtualizer.getVirtualItems();
  const padTop = items.length ? items[0].start - headHeight : 0;
  const padBottom = items.length ? virtualizer.getTotalSize() + headHeight - items[items.length - 1].end : 0;
  const total = list.data?.total;

  return (
    <section
      className="table-drawer"
      id="enterprise-table"
      aria-labelledby="enterprise-table-title"
      data-testid="enterprise-table"
    >
      <header className="table-head">
        <h2 id="enterprise-table-title" className="card-title">
          {t('table.title')}
        </h2>
        {total !== undefined && (
          <span className="table-count" data-testid="table-count" data-total={total} role="status">
            {t('table.count', { n: fmt.int(total) })}
          </span>
        )}
        {period && <AsOfNote date={period.to} latest={period.codesAsOf === null} testId="table-as-of" />}
        {list.data?.truncated && (
          <span className="warn small">{t('table.truncated', { shown: fmt.int(list.data.items.length) })}</span>
        )}
        {list.isFetching && list.data && <span className="spinner" aria-hidden="true" />}
        <ExportButtons />
        <button
          type="button"
          className="btn btn--icon"
          onClick={() => setTableOpen(false)}
          aria-label={t('table.close')}
          title={t('table.close')}
        >
          ×
        </button>
      </header>
      {list.isPending ? (
        <StateMessage kind="loading" label={t('table.loadingRows', { n: shown === null ? '…' : fmt.int(shown) })} />
      ) : list.isError ? (
        <StateMessage kind="error" error={list.error} onRetry={() => void list.refetch()} />
      ) : rows.length === 0 ? (
        <StateMessage kind="empty" label={t('table.empty')} />
      ) : (
        <div className="table-scroll" ref={scroller}>
          <table
            className="ent-table"
            // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: selectable, arrow-navigable rows: an ARIA grid
            role="grid"
            aria-rowcount={sorted.length + 1}
            aria-labelledby="enterprise-table-title"
          >
            <colgroup>
              <col className="col-name" />
              <col className="col-colour" />
              <col className="col-score" />
              <col className="col-county" />
              <col className="col-park" />
              <col className="col-industry" />
              <col className="col-flag" />
              <col className="col-flag" />
              <col className="col-uscc" />
            </colgroup>
            <thead ref={head}>
              {table.getHeaderGroups().map((g) => (
                <tr key={g.id} aria-rowindex={1}>
                  {g.headers.map((h) => {
                    const dir = h.column.getIsSorted();
                    const label = flexRender(h.column.columnDef.header, h.getContext());
                    return (
                      <th
                        key={h.id}
                        scope="col"
                        aria-sort={dir === 'asc' ? 'ascending' : dir === 'desc' ? 'descending' : 'none'}
                      >
                        <button
                          type="button"
                          className="sort-btn"
                          onClick={h.column.getToggleSortingHandler()}
                          title={t('table.sortBy', { col: String(h.column.columnDef.header) })}
                          data-testid={`sort-${h.id}`}
                        >
                          {label}
                          <span className="sort-mark" aria-hidden="true">
                            {dir === 'asc' ? '▲' : dir === 'desc' ? '▼' : '↕'}
                          </span>
                        </button>
                      </th>
                    );
                  })}
                </tr>
              ))}
            </thead>
            <tbody>
              {padTop > 0 && (
                // biome-ignore lint/a11y/noAriaHiddenOnFocusable: a spacer row for the virtual scroll, never focusable
                <tr className="pad-row" aria-hidden="true">
                  <td colSpan={9} style={{ height: padTop }} />
                </tr>
              )}
              {items.map((v) => {
                const row = sorted[v.index];
                const r = row.original;
                const isSelected = r.id === selectedId;
                return (
                  <tr
                    key={row.id}
                    data-index={v.index}
                    data-id={r.id}
                    aria-rowindex={v.index + 2}
                    aria-selected={isSelected}
                    className={`ent-row ent-row--${r.colour}${isSelected ? ' is-selected' : ''}`}
                    style={{ height: rowHeight }}
                    tabIndex={0}
                    onClick={() => select(r)}
                    onKeyDown={(e) => onRowKey(e, v.index)}
                  >
                    {row.getVisibleCells().map((c) => (
                      <td key={c.id}>{flexRender(c.column.columnDef.cell, c.getContext())}</td>
                    ))}
                  </tr>
                );
              })}
              {padBottom > 0 && (
                // biome-ignore lint/a11y/noAriaHiddenOnFocusable: a spacer row for the virtual scroll, never focusable
                <tr className="pad-row" aria-hidden="true">
                  <td colSpan={9} style={{ height: padBottom }} />
                </tr>
              )}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
