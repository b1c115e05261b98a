import { t } from '@/lib/i18n';
import type { LookupNotice, NoticeActionKind } from '@/lib/order-lookup/notices';

export interface LookupNoticeViewProps {
  notice: LookupNotice;
  onAction: (kind: NoticeActionKind) => void;
}

/** An outcome that needs words: an error, an empty result, incomplete results. Always ends with a next step. */
export function LookupNoticeView({ notice, onAction }: LookupNoticeViewProps) {
  return (
    <div
      class={`notice notice-${notice.tone}`}
      role={notice.tone === 'info' ? 'status' : 'alert'}
      data-testid="lookup-notice"
    >
      {notice.incomplete && (
        <p class="incomplete" data-testid="incomplete-banner">
          <strong>{t('notice_incompleteLead')}</strong> {notice.incomplete}
        </p>
      )}
      <p class="notice-title">{notice.title}</p>
      <p>{notice.text}</p>
      {notice.detail && <p class="muted detail">{notice.detail}</p>}
      {notice.actions.length > 0 && (
        <div class="row">
          {notice.actions.map((action) => (
            <button type="button" key={action.kind} onClick={() => onAction(action.kind)}>
              {action.label}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
