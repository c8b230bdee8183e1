import type { ReactNode } from 'react';
import { useSearchParams } from 'react-router';
import { categoryCurrency, categoryDecimals, currenciesOf, currencyMark, currencyUnit } from '../../domain/currency';
import { formatDate, formatMillions, formatRange } from '../../domain/format';
import type { CapVersion, Dataset, SourceRef } from '../../domain/model';
import { useDataset } from '../../data/queries';
import { sourceAnchor } from '../../ui/components/sourceAnchor';
import { useHashScroll } from '../../ui/components/useHashScroll';
import { type TranslateFor, useBilingual, useLocale, useT } from '../../ui/i18n';
import { sourcesMessages } from './messages';

type Tr = TranslateFor<typeof sourcesMessages>;

/** The document most figures come from: named once at the top instead of on every row. */
function mainDocument(dataset: Dataset): string | null {
  const counts = new Map<string, number>();
  for (const c of dataset.caps) counts.set(c.source.document, (counts.get(c.source.document) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
}

function Ref({ source, mainDoc }: { source: SourceRef; mainDoc: string | null }) {
  const locale = useLocale();
  return (
    <div className="ref">
      <div className="ref-where">
        <span className="ref-date">{formatDate(source.documentDate, locale)}</span>
        <span className="ref-section">{source.section}</span>
        {source.table && <span className="ref-table">{source.table}</span>}
      </div>
      {source.quote && <q className="ref-quote">{source.quote}</q>}
      {source.document !== mainDoc && <div className="ref-doc">{source.document}</div>}
    </div>
  );
}

function Section({ id, title, count, children }: { id: string; title: string; count: number; children: ReactNode }) {
  if (count === 0) return null;
  return (
    <section className="sources-section" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{title}</h2>
      <div className="table-scroll">{children}</div>
    </section>
  );
}

function capKind(t: Tr, c: CapVersion): string {
  return c.kind === 'original' ? t('kindOriginal') : c.kind === 'revised' ? t('kindRevised') : t('kindNew');
}

/** Every disclosed figure with its reference; rows carry stable anchors (sourceAnchor). */
/** One table of figures: the column headings, then a row per figure. */
/** A column head: its message key; `[key, 'num']` for a column of figures (right-aligned); null for none. */
type Column = ColumnKey | readonly [ColumnKey, 'num'] | null;
type ColumnKey = Extract<keyof (typeof sourcesMessages)['en'], `col${string}`>;

function SourceTable({ columns, children }: { columns: readonly Column[]; children: ReactNode }) {
  const t = useT(sourcesMessages);
  return (
    <table className="data sources-table">
      <thead>
        <tr>
          {columns.map((c) =>
            c === null ? null : typeof c === 'string' ? (
              <th key={c} scope="col">
                {t(c)}
              </th>
            ) : (
              <th key={c[0]} scope="col" className="num">
                {t(c[0])}
              </th>
            ),
          )}
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
}

/** The reference cell of a row: where in which document the figure is disclosed. */
function RefCell(props: { source: SourceRef; mainDoc: string | null }) {
  return (
    <td>
      <Ref {...props} />
    </td>
  );
}

export function SourcesPage() {
  const t = useT(sourcesMessages);
  const name = useBilingual();
  const locale = useLocale();
  const dataset = useDataset();
  const [params, setParams] = useSearchParams();
  const raw = params.get('category') ?? '';
  const filter = dataset.categories.some((c) => c.id === raw) ? raw : '';
  useHashScroll(true);

  const mainDoc = mainDocument(dataset);
  const catName = (id: string) => {
    const c = dataset.categories.find((x) => x.id === id);
    return c ? name(c.name) : id;
  };
  const agreementName = (id: string) => {
    const a = dataset.agreements.find((x) => x.id === id);
    return a ? name(a.name) : id;
  };
  const keep = (categoryId: string) => !filter || categoryId === filter;
  const filteredCategory = dataset.categories.find((c) => c.id === filter);

  const caps = dataset.caps.filter((c) => keep(c.categoryId));
  const historicals = dataset.historicals.filter((h) => keep(h.categoryId));
  const expected = dataset.expected.filter((e) => keep(e.categoryId));
  const stated = dataset.statedFigures.filter((s) => keep(s.categoryId));
  const bands = dataset.statedBands.filter((b) => keep(b.categoryId));
  const categories = dataset.categories.filter((c) => keep(c.id));
  const agreements = dataset.agreements.filter((a) => !filteredCategory || a.id === filteredCategory.agreementId);
  const resolutionIds = new Set(
    caps.flatMap((c) => (c.approval.kind === 'independent-shareholders' ? [c.approval.resolutionId] : [])),
  );
  const resolutions = dataset.resolutions.filter((r) => resolutionIds.has(r.id));
  // Amounts are in each category's currency: one is named in the lede, a mix gets a Currency column.
  const currencies = currenciesOf(
    dataset,
    categories.map((c) => c.id),
  );
  const mixed = currencies.length > 1;
  const unitsText = mixed ? t('unitsMixed') : t('unitsOne', { unit: currencyUnit(currencies[0] ?? 'RMB', locale) });
  const currencyColumn = mixed ? 'colCurrency' : null;
  const currencyCell = (categoryId: string) =>
    mixed ? <td>{currencyMark(categoryCurrency(dataset, categoryId), locale)}</td> : null;
  const general = !filter;
  const total =
    caps.length +
    historicals.length +
    expected.length +
    stated.length +
    bands.length +
    categories.length +
    agreements.length +
    agreements.reduce((n, a) => n + a.supplements.length, 0) +
    resolutions.length +
    (general ? dataset.relationships.length + dataset.parties.length + 1 : 0);

  const approvalText = (c: CapVersion) => {
    if (c.approval.kind === 'in-force') return t('approvalInForce');
    if (c.approval.kind === 'exempt') return t('approvalExempt');
    const rid = c.approval.resolutionId;
    const r = dataset.resolutions.find((x) => x.id === rid);
    return t('approvalShareholders', { meeting: r ? name(r.meeting) : rid });
  };
  const bandText = (b: string) =>
    b === 'de-minimis' ? t('bandDeMinimis') : b === 'announcement' ? t('bandAnnouncement') : t('bandShareholders');

  return (
    <section className="page sources" aria-labelledby="sources-title">
      <div className="page-head">
        <div>
          <h1 id="sources-title">{t('title')}</h1>
          <p className="lede">{t('lede', { units: unitsText })}</p>
          {mainDoc && <p className="muted source-main-doc">{t('document', { doc: mainDoc })}</p>}
        </div>
      </div>
      <div className="filter-bar">
        <label className="field field-inline">
          <span>{t('filter')}</span>
          <select
            value={filter}
            onChange={(e) =>
              setParams(
                (prev) => {
                  const p = new URLSearchParams(prev);
                  if (e.target.value) p.set('category', e.target.value);
                  else p.delete('category');
                  return p;
                },
                { replace: true },
              )
            }
          >
            <option value="">{t('filterAll')}</option>
            {dataset.categories.map((c) => (
              <option key={c.id} value={c.id}>
                {name(c.name)}
              </option>
            ))}
          </select>
        </label>
        <span className="muted" role="status">
          {t('count', { count: total })}
        </span>
      </div>

      <Section id="caps" title={t('caps')} count={caps.length}>
        <SourceTable
          columns={[
            'colCategory',
            'colPeriod',
            'colKind',
            currencyColumn,
            ['colAmount', 'num'],
            'colApproval',
            'colReference',
          ]}
        >
          {caps.map((c) => (
            <tr key={c.id} id={sourceAnchor('cap', c.id)}>
              <td>{catName(c.categoryId)}</td>
              <td>{formatRange(c.period, locale)}</td>
              <td>
                {capKind(t, c)}
                <div className="muted small">{t('announcedOn', { date: formatDate(c.announcedOn, locale) })}</div>
              </td>
              {currencyCell(c.categoryId)}
              <td className="num strong">{formatMillions(c.amount, categoryDecimals(dataset, c.categoryId))}</td>
              <td>{approvalText(c)}</td>
              <RefCell source={c.source} mainDoc={mainDoc} />
            </tr>
          ))}
        </SourceTable>
      </Section>

      <Section id="historicals" title={t('historicals')} count={historicals.length}>
        <SourceTable
          columns={[
            'colCategory',
            'colPeriod',
            currencyColumn,
            ['colAmount', 'num'],
            'colAudited',
            'colRole',
            'colReference',
          ]}
        >
          {historicals.map((h) => (
            <tr key={h.id} id={sourceAnchor('historical', h.id)}>
              <td>{catName(h.categoryId)}</td>
              <td>{formatRange(h.range, locale)}</td>
              {currencyCell(h.categoryId)}
              <td className="num strong">{formatMillions(h.amount, categoryDecimals(dataset, h.categoryId))}</td>
              <td>{h.audited === null ? t('notStated') : h.audited ? t('yes') : t('no')}</td>
              <td>{h.role === 'historical' ? t('roleHistorical') : t('roleComparative')}</td>
              <RefCell source={h.source} mainDoc={mainDoc} />
            </tr>
          ))}
        </SourceTable>
      </Section>

      <Section id="expected" title={t('expected')} count={expected.length}>
        <SourceTable columns={['colCategory', 'colPeriod', currencyColumn, ['colAmount', 'num'], 'colReference']}>
          {expected.map((e) => (
            <tr key={e.id} id={sourceAnchor('expected', e.id)}>
              <td>{catName(e.categoryId)}</td>
              <td>{formatRange(e.period, locale)}</td>
              {currencyCell(e.categoryId)}
              <td className="num strong">
                {e.approximate
                  ? t('approximately', { amount: formatMillions(e.amount, categoryDecimals(dataset, e.categoryId)) })
                  : formatMillions(e.amount, categoryDecimals(dataset, e.categoryId))}
              </td>
              <RefCell source={e.source} mainDoc={mainDoc} />
            </tr>
          ))}
        </SourceTable>
      </Section>

      <Section id="stated" title={t('stated')} count={stated.length}>
        <SourceTable columns={['colCategory', 'colFigure', ['colValue', 'num'], 'colReference']}>
          {stated.map((s) => (
            <tr key={s.id} id={sourceAnchor('stated', s.id)}>
              <td>{catName(s.categoryId)}</td>
              <td>{name(s.description)}</td>
              <td className="num strong">{t('approximately', { amount: `${s.percent}%` })}</td>
              <RefCell source={s.source} mainDoc={mainDoc} />
            </tr>
          ))}
        </SourceTable>
      </Section>

      <Section id="categories" title={t('categories')} count={categories.length}>
        <SourceTable columns={['colCategory', 'colDirection', 'colTerm', 'colReference']}>
          {categories.map((c) => (
            <tr key={c.id} id={sourceAnchor('category', c.id)}>
              <td>
                <strong>{name(c.name)}</strong>
                <div className="muted small">{agreementName(c.agreementId)}</div>
                <div className="small">{name(c.description)}</div>
              </td>
              <td>{c.direction === 'provided-by-group' ? t('providedByGroup') : t('procuredByGroup')}</td>
              <td>
                {formatRange(c.term, locale)}
                {c.termNote && <div className="muted small">{name(c.termNote)}</div>}
              </td>
              <RefCell source={c.source} mainDoc={mainDoc} />
            </tr>
          ))}
        </SourceTable>
      </Section>

      <Section id="agreements" title={t('agreements')} count={agreements.length}>
        <SourceTable columns={['colItem', 'colSigned', 'colTerm', 'colReference']}>
          {agreements.flatMap((a) => [
            <tr key={a.id} id={sourceAnchor('agreement', a.id)}>
              <td>
                <strong>{name(a.name)}</strong>
              </td>
              <td>{formatDate(a.signedOn, locale)}</td>
              <td>{formatRange(a.term, locale)}</td>
              <RefCell source={a.source} mainDoc={mainDoc} />
            </tr>,
            ...a.supplements.map((sp) => (
              <tr key={`${a.id}-${sp.date}`} id={sourceAnchor('supplement', `${a.id}-${sp.date}`)}>
                <td>
                  {t('supplementOf', { agreement: name(a.name) })}
                  <div className="small">{name(sp.description)}</div>
                </td>
                <td>{formatDate(sp.date, locale)}</td>
                <td>—</td>
                <RefCell source={sp.source} mainDoc={mainDoc} />
              </tr>
            )),
          ])}
        </SourceTable>
      </Section>

      <Section id="resolutions" title={t('resolutions')} count={resolutions.length}>
        <SourceTable columns={['colItem', 'colMeeting', 'colReference']}>
          {resolutions.map((r) => (
            <tr key={r.id} id={sourceAnchor('resolution', r.id)}>
              <td>{name(r.description)}</td>
              <td>{name(r.meeting)}</td>
              <RefCell source={r.source} mainDoc={mainDoc} />
            </tr>
          ))}
        </SourceTable>
      </Section>

      <Section id="bands" title={t('bands')} count={bands.length}>
        <SourceTable columns={['colCategory', 'colBand', 'colReference']}>
          {bands.map((b) => (
            <tr key={b.categoryId} id={sourceAnchor('band', b.categoryId)}>
              <td>{catName(b.categoryId)}</td>
              <td>
                {name(b.description)}
                <div className="muted small">{bandText(b.band)}</div>
              </td>
              <RefCell source={b.source} mainDoc={mainDoc} />
            </tr>
          ))}
        </SourceTable>
      </Section>

      {general && (
        <>
          <Section
            id="relationship"
            title={t('relationship')}
            count={dataset.relationships.length + dataset.parties.length}
          >
            <SourceTable columns={['colItem', 'colValue', 'colReference']}>
              {dataset.relationships.map((r) => (
                <tr
                  key={`${r.issuerId}-${r.counterpartyId}`}
                  id={sourceAnchor('relationship', `${r.issuerId}-${r.counterpartyId}`)}
                >
                  <td>{name(r.basis)}</td>
                  <td className="strong">{t('holding', { pct: r.holdingPercent })}</td>
                  <RefCell source={r.source} mainDoc={mainDoc} />
                </tr>
              ))}
              {dataset.parties.map((p) => (
                <tr key={p.id} id={sourceAnchor('party', p.id)}>
                  <td>
                    <strong>{name(p.name)}</strong>
                    {p.description && <div className="small">{name(p.description)}</div>}
                  </td>
                  <td>{(p.listings ?? []).join(' · ')}</td>
                  <td>—</td>
                </tr>
              ))}
            </SourceTable>
          </Section>
          <Section id="controls" title={t('controls')} count={1}>
            <SourceTable columns={['colItem', 'colReference']}>
              <tr id={sourceAnchor('controls', dataset.id)}>
                <td>
                  <strong>{t('thresholdControl', { pct: dataset.controls.alertThresholdPercent })}</strong>
                  <div className="small">{t('reporting')}</div>
                </td>
                <RefCell source={dataset.controls.source} mainDoc={mainDoc} />
              </tr>
            </SourceTable>
          </Section>
        </>
      )}
    </section>
  );
}
