import '@/lib/messaging/zod-setup';
import { render } from 'preact';
import { t } from '@/lib/i18n';
import { App } from '@/lib/order-lookup/popup/PopupApp';

document.title = t('popup_title');
document.documentElement.lang = t('locale');
render(<App />, document.getElementById('app')!);
