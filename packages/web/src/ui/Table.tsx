// A list as a native <table> (screen readers' table navigation): the API pages, sorts and
// filters it; this shows one page, the sort buttons in the headers (aria-sort), the pager, the
// CSV download of every match, the filters above and an empty state that says what to do next.
import { useId, type ReactNode } from 'react';
import { pageCount, type ListPage } from '../api/list';
import { t } from '../i18n';
import { ProblemAlert } from './Alert';
import { Button, FileLink } from './Button';
import { CheckboxField } from './CheckboxField';
import { Progress } from './Progress';

export interface Column<T> {
  id: string;
  header: string;
  cell: (row: T) => ReactNode;
  /** Amounts 'end' (right), short codes 'center'. */
  align?: 'start' | 'end' | 'center';
  /** The API's sort field for this column: the header becomes a sort button. */
  sortKey?: string;
  /** The order of the first click on this column's header (dates and amounts: 'desc'). */
  firstOrder?: 'asc' | 'desc';
  nowrap?: boolean;
  /** Text that needs room (a title): kept at least 12em wide; the table scrolls instead. */
  wide?: boolean;
  /** The cell that names the row (a <th scope="row">), e.g. the document number. */
  isRowHeader?: boolean;
}

/** What the table asks the API for: the page, its size and the order. */
export interface ListState {
  page: number;
  pageSize: number;
  sort?: string | undefined;
  order?: 'asc' | 'desc' | undefined;
}

export interface RowSelection<T> {
  selected: ReadonlySet<string>;
  onChange: (selected: Set<string>) => void;
  /** Read out for a row's checkbox, e.g. the document number. */
  rowLabel: (row: T) => string;
  isSelectable?: (row: T) => boolean;
}

export interface DataTableProps<T> {
  /** What the list is (the table's caption, read out; hidden visually). */
  label: string;
  columns: readonly Column<T>[];
  data: ListPage<T> | undefined;
  rowKey: (row: T) => string;
  state: ListState;
  onStateChange: (patch: Partial<ListState>) => void;
  /** True while a page loads (the previous page stays visible, dimmed). */
  isFetching?: boolean;
  error?: unknown;
  /** Shown when there is nothing to list (an EmptyState). */
  empty: ReactNode;
  /** The CSV of every match (api.x.csv(filters)). */
  csvHref?: string;
  /** Filters (a FilterBar) above the table. */
  filters?: ReactNode;
  /** More actions beside the CSV button. */
  toolbar?: ReactNode;
  pageSizes?: readonly number[];
  selection?: RowSelection<T>;
}

const ALIGN_CLASS = { start: '', end: 'ui-cell--end', center: 'ui-cell--center' } as const;

function cellClass<T>(column: Column<T>): string {
  return [
    ALIGN_CLASS[column.align ?? 'start'],
    column.nowrap ? 'ui-cell--nowrap' : '',
    column.wide ? 'ui-cell--wide' : '',
  ]
    .filter(Boolean)
    .join(' ');
}

function SortHeader<T>({
  column,
  state,
  onStateChange,
}: {
  column: Column<T>;
  state: ListState;
  onStateChange: DataTableProps<T>['onStateChange'];
}) {
  const active = state.sort === column.sortKey;
  const order = active ? (state.order ?? 'asc') : undefined;
  const next = active ? (order === 'asc' ? 'desc' : 'asc') : (column.firstOrder ?? 'asc');
  return (
    <button
      type="button"
      className="ui-sort"
      onClick={() => onStateChange({ sort: column.sortKey, order: next, page: 1 })}
      title={t('ui.table.sortBy', { column: column.header })}
    >
      {column.header}
      <span className="ui-sort__icon" aria-hidden="true">
        {order === 'asc' ? '▲' : order === 'desc' ? '▼' : '⇅'}
      </span>
    </button>
  );
}

export function DataTable<T>(props: DataTableProps<T>) {
  const {
    label,
    columns,
    data,
    rowKey,
    state,
    onStateChange,
    isFetching,
    error,
    empty,
    csvHref,
    filters,
    toolbar,
    pageSizes = [20, 50, 100, 200],
    selection,
  } = props;
  const captionId = useId();
  const rows = data?.items ?? [];
  const total = data?.total ?? 0;
  const pages = pageCount(total, state.pageSize);
  const from = total === 0 ? 0 : (state.page - 1) * state.pageSize + 1;
  const to = Math.min(total, (state.page - 1) * state.pageSize + rows.length);
  const countText =
    total === 0 ? t('ui.table.caption.none') : t('ui.table.caption.count', { total, from, to });

  const selectableRows = selection
    ? rows.filter((row) => selection.isSelectable?.(row) ?? true)
    : [];
  const allOnPageSelected =
    selection !== undefined &&
    selectableRows.length > 0 &&
    selectableRows.every((row) => selection.selected.has(rowKey(row)));

  const toggleRow = (row: T, on: boolean) => {
    if (!selection) return;
    const next = new Set(selection.selected);
    if (on) next.add(rowKey(row));
    else next.delete(rowKey(row));
    selection.onChange(next);
  };
  const togglePage = (on: boolean) => {
    if (!selection) return;
    const next = new Set(selection.selected);
    for (const row of selectableRows) {
      if (on) next.add(rowKey(row));
      else next.delete(rowKey(row));
    }
    selection.onChange(next);
  };

  return (
    <div className="ui-table-region">
      {filters}
      <div className="ui-table-toolbar">
        <p className="ui-muted" aria-live="polite">
          {data ? countText : t('ui.table.loading')}
        </p>
        <div className="ui-row">
          {isFetching && data ? <Progress label={t('ui.table.loading')} showLabel={false} /> : null}
          {toolbar}
          {csvHref ? (
            <span title={t('ui.table.csv.hint')}>
              <FileLink href={csvHref} download size="small">
                {t('ui.table.csv')}
              </FileLink>
            </span>
          ) : null}
        </div>
      </div>
      {error ? <ProblemAlert error={error} /> : null}
      {!data && !error ? (
        <div className="ui-loading">
          <Progress label={t('ui.table.loading')} />
        </div>
      ) : null}
      {data && rows.length === 0 ? empty : null}
      {data && rows.length > 0 ? (
        // Focusable, so a keyboard user can scroll a table wider than the screen sideways.
        <div
          className="ui-table-scroll"
          role="region"
          aria-labelledby={captionId}
          tabIndex={0}
          aria-busy={isFetching ? 'true' : 'false'}
        >
          <table className="ui-table" aria-labelledby={captionId}>
            <caption id={captionId} className="ui-visually-hidden">
              {label}（{countText}）
            </caption>
            <thead>
              <tr>
                {selection ? (
                  <th scope="col" className="ui-cell--center">
                    <CheckboxField
                      label=""
                      ariaLabel={label}
                      isSelected={allOnPageSelected}
                      onChange={togglePage}
                      isDisabled={selectableRows.length === 0}
                    />
                  </th>
                ) : null}
                {columns.map((column) => {
                  const active = column.sortKey !== undefined && state.sort === column.sortKey;
                  return (
                    <th
                      key={column.id}
                      scope="col"
                      className={cellClass(column)}
                      {...(column.sortKey
                        ? {
                            'aria-sort': active
                              ? state.order === 'desc'
                                ? 'descending'
                                : 'ascending'
                              : 'none',
                          }
                        : {})}
                    >
                      {column.sortKey ? (
                        <SortHeader column={column} state={state} onStateChange={onStateChange} />
                      ) : (
                        column.header
                      )}
                    </th>
                  );
                })}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => {
                const key = rowKey(row);
                return (
                  <tr key={key}>
                    {selection ? (
                      <td className="ui-cell--center">
                        <CheckboxField
                          label=""
                          ariaLabel={selection.rowLabel(row)}
                          isSelected={selection.selected.has(key)}
                          onChange={(on) => toggleRow(row, on)}
                          isDisabled={!(selection.isSelectable?.(row) ?? true)}
                        />
                      </td>
                    ) : null}
                    {columns.map((column) =>
                      column.isRowHeader ? (
                        <th key={column.id} scope="row" className={cellClass(column)}>
                          {column.cell(row)}
                        </th>
                      ) : (
                        <td key={column.id} className={cellClass(column)}>
                          {column.cell(row)}
                        </td>
                      ),
                    )}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
      {data && total > 0 ? (
        <Pager
          page={state.page}
          pages={pages}
          pageSize={state.pageSize}
          pageSizes={pageSizes}
          onStateChange={onStateChange}
        />
      ) : null}
    </div>
  );
}

function Pager({
  page,
  pages,
  pageSize,
  pageSizes,
  onStateChange,
}: {
  page: number;
  pages: number;
  pageSize: number;
  pageSizes: readonly number[];
  onStateChange: (patch: Partial<ListState>) => void;
}) {
  const sizeId = useId();
  const sizes = pageSizes.includes(pageSize)
    ? pageSizes
    : [...pageSizes, pageSize].sort((a, b) => a - b);
  return (
    <nav className="ui-pager" aria-label={t('ui.table.pagination')}>
      <div className="ui-pager__controls">
        <label htmlFor={sizeId} className="ui-small">
          {t('ui.table.pageSize')}
        </label>
        <select
          id={sizeId}
          value={pageSize}
          onChange={(event) => onStateChange({ pageSize: Number(event.target.value), page: 1 })}
        >
          {sizes.map((size) => (
            <option key={size} value={size}>
              {size}
            </option>
          ))}
        </select>
      </div>
      <div className="ui-pager__controls">
        <Button
          size="small"
          isDisabled={page <= 1}
          onPress={() => onStateChange({ page: page - 1 })}
        >
          {t('ui.table.previous')}
        </Button>
        <span className="ui-small">{t('ui.table.page', { page, pages })}</span>
        <Button
          size="small"
          isDisabled={page >= pages}
          onPress={() => onStateChange({ page: page + 1 })}
        >
          {t('ui.table.next')}
        </Button>
      </div>
    </nav>
  );
}

export interface FilterBarProps {
  /** The filter fields (TextField, SelectField …), controlled by the screen. */
  children: ReactNode;
  /** Apply the fields (one request, not one per keystroke). */
  onApply: () => void;
  onClear?: () => void;
}

/** The filters of a list as a small form: Enter or 絞り込む applies them. */
export function FilterBar({ children, onApply, onClear }: FilterBarProps) {
  return (
    <form
      role="search"
      aria-label={t('ui.filters')}
      className="ui-filters"
      onSubmit={(event) => {
        event.preventDefault();
        onApply();
      }}
    >
      {children}
      <div className="ui-filters__actions">
        <Button type="submit" variant="primary">
          {t('ui.filters.apply')}
        </Button>
        {onClear ? (
          <Button variant="quiet" onPress={onClear}>
            {t('ui.filters.clear')}
          </Button>
        ) : null}
      </div>
    </form>
  );
}
