import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { AgreementPage } from '../../../../src/features/agreement/AgreementPage';
import { ApprovalPanel } from '../../../../src/features/approvals/ApprovalPanel';
import { listApprovals } from '../../../../src/storage/approvals';
import { useLocaleStore } from '../../../../src/ui/i18n';
import { freshDb, renderAt } from '../render';

const page = <AgreementPage approvals={(id) => <ApprovalPanel agreementId={id} />} />;
const ROUTE = '/agreements/:agreementId';

describe('agreement page', { timeout: 30_000 }, () => {
  beforeEach(() => {
    freshDb();
    useLocaleStore.setState({ locale: 'en' });
  });

  it('shows the agreement terms and, per category, the three charts with accessible names and data tables', async () => {
    renderAt(page, '/agreements/xiaomi-cooperation-framework-2025?asOf=2026-04-23', ROUTE);
    const section = await screen.findByRole('region', { name: 'Hardware equipment' });
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent(
      '2025 Xiaomi Cooperation Framework Agreement (as supplemented)',
    );
    expect(screen.getByText('July 29, 2025')).toBeInTheDocument();
    expect(screen.getByText(/hardware equipment term extended to December 31, 2027/)).toBeInTheDocument();
    const s = within(section);
    const charts = s.getAllByRole('img');
    // Periods and cumulative; no year-to-date chart without a prior-year span (a sentence says so instead).
    expect(charts.map((c) => c.getAttribute('aria-label')?.split(':')[0])).toEqual([
      'Hardware equipment',
      'Hardware equipment',
    ]);
    expect(charts[0]).toHaveAccessibleName(
      /Jul 29 – Dec 31, 2025: actual 29.6, binding cap 33.5; 2026: actual 0.0, binding cap 6.7; 2027: actual no data, binding cap —/,
    );
    // The period table: the 2026 line holds the 6.7 cap for January 1 – July 28 and its revision to 1,000.0 for the year.
    const periodTable = s.getAllByRole('table')[0]!;
    const row2026 = within(periodTable).getByRole('row', { name: /Jan 1 – Jul 28, 2026 \/ 2026/ });
    expect(row2026).toHaveTextContent('6.7');
    expect(row2026).toHaveTextContent('1,000.0 awaiting approval');
    // The cumulative chart covers January 1 – July 28 against 6.7 and names the whole-year 1,000.0 instead of drawing it.
    expect(
      s.getByText(/The proposed cap of 1,000.0 covers January 1, 2026 – December 31, 2026, a different period/),
    ).toBeInTheDocument();
    expect(s.getByText('Binding cap 6.7 · actual 0.0 through April 23, 2026 · 0.0% used')).toBeInTheDocument();
    // YTD for hardware: no prior-year span.
    expect(
      s.getByText(
        /Year to date versus the same span last year: no comparison, as nothing is known for the same span a year earlier/,
      ),
    ).toBeInTheDocument();
  });

  it('cloud services: cumulative table ends at the seasonal 4,090.5 and YTD shows +81.4% against 413.0', async () => {
    renderAt(page, '/agreements/xiaomi-framework-2024?asOf=2026-04-23', ROUTE);
    const s = within(await screen.findByRole('region', { name: 'Cloud services' }));
    const [, cumulative, ytd] = s.getAllByRole('table');
    expect(within(cumulative!).getByRole('row', { name: /April 23, 2026/ })).toHaveTextContent('749.1');
    expect(within(cumulative!).getByRole('row', { name: /December 31, 2026/ })).toHaveTextContent('4,090.5');
    expect(s.getByText(/threshold reached September 3, 2026; cap reached October 21, 2026/)).toBeInTheDocument();
    const ytdRow = within(ytd!).getByRole('row', { name: /January 1, 2026 – April 23, 2026/ });
    expect(ytdRow).toHaveTextContent('749.1');
    expect(ytdRow).toHaveTextContent('413.0');
    expect(ytdRow).toHaveTextContent('+81.4%');
    expect(within(ytd!).getByRole('row', { name: /January 1, 2025 – December 31, 2025/ })).toHaveTextContent('+77.0%');
  });

  it('switching the projection to linear redraws the cumulative series (2,419.7 at the year end)', async () => {
    const user = userEvent.setup();
    renderAt(page, '/agreements/xiaomi-framework-2024?asOf=2026-04-23', ROUTE);
    await screen.findByRole('region', { name: 'Cloud services' });
    await user.click(screen.getByRole('radio', { name: 'Linear (run-rate)' }));
    const s = within(screen.getByRole('region', { name: 'Cloud services' }));
    const cumulative = s.getAllByRole('table')[1]!;
    expect(within(cumulative).getByRole('row', { name: /December 31, 2026/ })).toHaveTextContent('2,419.7');
  });

  it('recording the AGM approval makes the revised 4,000.0 bind; clearing it restores 3,138.3', async () => {
    const user = userEvent.setup();
    renderAt(page, '/agreements/xiaomi-framework-2024?asOf=2026-07-01', ROUTE);
    const cloud = within(await screen.findByRole('region', { name: 'Cloud services' }));
    expect(
      cloud.getByText('Binding cap 3,138.3 · actual 749.1 through April 23, 2026 · 23.9% used'),
    ).toBeInTheDocument();
    // July 1: the June 30 AGM has passed and no outcome is recorded yet.
    expect(cloud.getByText('Meeting passed: record the outcome')).toBeInTheDocument();

    const resolution = within(await screen.findByTestId('resolution-agm-2026-cloud-services'));
    expect(resolution.getByTestId('resolution-status')).toHaveTextContent('Awaiting the vote');
    expect(resolution.getByLabelText('Date of the vote')).toHaveValue('2026-06-30');
    expect(resolution.getByRole('radio', { name: 'Approved' })).toBeChecked();
    await user.click(resolution.getByRole('button', { name: 'Record outcome' }));

    expect(
      await cloud.findByText('Binding cap 4,000.0 · actual 749.1 through April 23, 2026 · 18.7% used'),
    ).toBeInTheDocument();
    expect(cloud.getByText('Within threshold')).toBeInTheDocument();
    expect(resolution.getByTestId('resolution-status')).toHaveTextContent('Approved on June 30, 2026');
    expect(await listApprovals()).toEqual([
      { resolutionId: 'agm-2026-cloud-services', outcome: 'approved', date: '2026-06-30' },
    ]);
    // The period chart's table follows: 2026 and 2027 now bind the revised caps.
    const periodTable = within(cloud.getAllByRole('table')[0]!);
    expect(periodTable.getByRole('row', { name: /^2026/ })).toHaveTextContent('4,000.0 in force');
    expect(periodTable.getByRole('row', { name: /^2027/ })).toHaveTextContent('6,000.0 in force');

    await user.click(resolution.getByRole('button', { name: 'Clear the recorded outcome' }));
    expect(
      await cloud.findByText('Binding cap 3,138.3 · actual 749.1 through April 23, 2026 · 23.9% used'),
    ).toBeInTheDocument();
    expect(resolution.getByTestId('resolution-status')).toHaveTextContent('Awaiting the vote');
    expect(await listApprovals()).toEqual([]);
  });

  it.each([
    // date typed, message (English), message (Chinese)
    [
      '2026-01-01',
      'Not recorded: January 1, 2026 is before the cap this resolution decides was announced (April 23, 2026). A meeting cannot vote on a cap before it is announced.',
      '未记录：2026年1月1日早于本决议所涉上限的公告日期（2026年4月23日）。会议不能在上限公告前就其表决。',
    ],
    [
      '2026-06-29',
      'Not recorded: June 29, 2026 is before the meeting date June 30, 2026. Record the date of the meeting that voted (see its poll-results announcement).',
      '未记录：2026年6月29日早于会议日期2026年6月30日。请记录进行表决的会议日期（见投票结果公告）。',
    ],
  ])('an outcome dated %s is refused with a clear message, nothing stored', async (date, en, zh) => {
    for (const [locale, text, save] of [
      ['en', en, 'Record outcome'],
      ['zh', zh, '记录结果'],
    ] as const) {
      freshDb();
      useLocaleStore.setState({ locale });
      const user = userEvent.setup();
      const view = renderAt(page, '/agreements/xiaomi-framework-2024?asOf=2026-07-01', ROUTE);
      const resolution = within(await screen.findByTestId('resolution-agm-2026-cloud-services'));
      const input = resolution.getByDisplayValue('2026-06-30');
      await user.clear(input);
      await user.type(input, date);
      await user.click(resolution.getByRole('button', { name: save }));
      expect(await resolution.findByRole('alert')).toHaveTextContent(text);
      expect(await listApprovals()).toEqual([]);
      view.unmount();
    }
  });

  it('a vote against keeps the original cap binding and shows the revision as not approved', async () => {
    const user = userEvent.setup();
    renderAt(page, '/agreements/xiaomi-framework-2024?asOf=2026-07-01', ROUTE);
    const resolution = within(await screen.findByTestId('resolution-agm-2026-cloud-services'));
    await user.click(resolution.getByRole('radio', { name: 'Not approved' }));
    await user.click(resolution.getByRole('button', { name: 'Record outcome' }));
    expect(await resolution.findByText('Not approved on June 30, 2026')).toBeInTheDocument();
    const cloud = within(screen.getByRole('region', { name: 'Cloud services' }));
    // The sections follow a stored change in a deferred render (AgreementPage's sectionsCtx).
    expect(
      await cloud.findByText('Binding cap 3,138.3 · actual 749.1 through April 23, 2026 · 23.9% used'),
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(within(cloud.getAllByRole('table')[0]!).getByRole('row', { name: /^2026/ })).toHaveTextContent(
        '4,000.0 not approved',
      ),
    );
  });

  it('an unknown agreement id gets a clear not-found message with links to the real ones', async () => {
    renderAt(page, '/agreements/no-such-thing?asOf=2026-04-23', ROUTE);
    expect(await screen.findByRole('heading', { name: 'Agreement not found' })).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent('There is no agreement with the id “no-such-thing”.');
    expect(screen.getByRole('link', { name: '2024 Xiaomi Framework Agreement' })).toHaveAttribute(
      'href',
      '/agreements/xiaomi-framework-2024?asOf=2026-04-23',
    );
  });
});
