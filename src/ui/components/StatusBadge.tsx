import type { DisplayStatus } from '../../domain/engine';
import { useT } from '../i18n';
import { componentMessages } from './messages';

const KEY = {
  ok: 'statusOk',
  threshold: 'statusThreshold',
  exceeded: 'statusExceeded',
  'awaiting-approval': 'statusAwaiting',
  'no-cap': 'statusNoCap',
} as const;

/** Icons differ in shape, not only colour: check, triangle, octagon, clock, dash. */
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
