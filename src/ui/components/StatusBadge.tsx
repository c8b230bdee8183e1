import type { DisplayStatus } from '../../domain/state';
import { useT } from '../i18n';
import { componentMessages } from './messages';

const KEY = {
  ok: 'statusOk',
  threshold: 'statusThreshold',
  exceeded: 'statusExceeded',
  'awaiting-approval': 'statusAwaiting',
  'no-cap': 'statusNoCap',
  'cap-not-recorded': 'statusCapNotRecorded',
  uncapped: 'statusUncapped',
  'no-data': 'statusNoData',
  'meeting-passed': 'statusMeetingPassed',
} as const satisfies Record<DisplayStatus, string>;

/** Icons differ in shape, not only colour: check, triangle, octagon, clock, dash, square, question mark, calendar. */
function StatusIcon({ status }: { status: DisplayStatus }) {
  const common = { width: 14, height: 14, viewBox: '0 0 16 16', 'aria-hidden': true, focusable: false } as const;
  switch (status) {
    case 'ok':
      return (
        <svg {...common}>
          <circle cx="8" cy="8" r="7" fill="currentColor" />
          <path d="M4.5 8.3l2.2 2.2 4.8-4.8" stroke="#fff" strokeWidth="1.8" fill="none" />
        </svg>
      );
    case 'threshold':
      return (
        <svg {...common}>
          <path d="M8 1.2l7 13H1z" fill="currentColor" />
          <path d="M8 6v4" stroke="#fff" strokeWidth="1.8" />
          <circle cx="8" cy="12" r="1" fill="#fff" />
        </svg>
      );
    case 'exceeded':
      return (
        <svg {...common}>
          <path d="M5 1h6l4 4v6l-4 4H5l-4-4V5z" fill="currentColor" />
          <path d="M5.5 5.5l5 5M10.5 5.5l-5 5" stroke="#fff" strokeWidth="1.8" />
        </svg>
      );
    case 'awaiting-approval':
      return (
        <svg {...common}>
          <circle cx="8" cy="8" r="7" fill="currentColor" />
          <path d="M8 4v4.3l2.8 1.7" stroke="#fff" strokeWidth="1.6" fill="none" />
        </svg>
      );
    case 'uncapped':
      return (
        <svg {...common}>
          <rect x="1" y="1" width="14" height="14" fill="currentColor" />
          <path d="M8 3.5v6" stroke="#fff" strokeWidth="2" />
          <circle cx="8" cy="12.3" r="1.2" fill="#fff" />
        </svg>
      );
    case 'cap-not-recorded':
      return (
        <svg {...common}>
          <rect x="1.8" y="1.8" width="12.4" height="12.4" stroke="currentColor" strokeWidth="1.6" fill="none" />
          <path d="M8 4.5v7M4.5 8h7" stroke="currentColor" strokeWidth="1.6" />
        </svg>
      );
    case 'no-data':
      return (
        <svg {...common}>
          <circle cx="8" cy="8" r="6.2" stroke="currentColor" strokeWidth="1.6" fill="none" strokeDasharray="2 2" />
          <path
            d="M6.2 6.2a1.9 1.9 0 1 1 2.6 1.8c-.6.3-.8.7-.8 1.3"
            stroke="currentColor"
            strokeWidth="1.4"
            fill="none"
          />
          <circle cx="8" cy="11.6" r="0.9" fill="currentColor" />
        </svg>
      );
    case 'meeting-passed':
      return (
        <svg {...common}>
          <rect x="1.5" y="2.5" width="13" height="12" rx="1" fill="currentColor" />
          <path d="M4.5 1v3M11.5 1v3" stroke="currentColor" strokeWidth="1.6" />
          <path d="M8 6v4.2" stroke="#fff" strokeWidth="1.8" />
          <circle cx="8" cy="12.4" r="1" fill="#fff" />
        </svg>
      );
    case 'no-cap':
      return (
        <svg {...common}>
          <circle cx="8" cy="8" r="6.2" stroke="currentColor" strokeWidth="1.6" fill="none" />
          <path d="M4.5 8h7" stroke="currentColor" strokeWidth="1.8" />
        </svg>
      );
  }
}

/** Status of a category as text plus a distinct icon, so it never relies on colour alone. */
export function StatusBadge({ status, label }: { status: DisplayStatus; label?: string }) {
  const t = useT(componentMessages);
  return (
    <span className={`status status-${status}`} data-status={status}>
      <StatusIcon status={status} />
      <span>{label ?? t(KEY[status])}</span>
    </span>
  );
}

/** The status text alone (for tables and aria labels). */
export function useStatusLabel(): (s: DisplayStatus) => string {
  const t = useT(componentMessages);
  return (s) => t(KEY[s]);
}
