import '@/lib/messaging/zod-setup';
import { render } from 'preact';
import { t } from '@/lib/i18n';
import { ReconcileApp } from '@/lib/order-lookup/reconcile/ReconcileApp';

document.title = t('reconcile_title');
document.documentElement.lang = t('locale');
render(<ReconcileApp deps={{ search: location.search }} />, document.getElementById('app')!);
