// One plain-words message at the top of the panel: results, refusals, engine trouble.

import type { Notice } from '../state/ratingSession';

export function NoticeBar(props: { notice: Notice; onDismiss(): void; onOpenSettings(): void }) {
  const { notice } = props;
  return (
    <div className={`notice notice-${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'}>
      <span className="notice-text">{notice.text}</span>
      {notice.openSettings ? (
        <button type="button" className="link" onClick={props.onOpenSettings}>
          Open settings
        </button>
      ) : null}
      <button type="button" className="icon" aria-label="Dismiss message" onClick={props.onDismiss}>
        ×
      </button>
    </div>
  );
}
