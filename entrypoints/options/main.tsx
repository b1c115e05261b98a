import '@/lib/messaging/zod-setup';
import { render } from 'preact';
import { t } from '@/lib/i18n';
import { App } from '@/lib/settings/page/OptionsApp';

document.title = t('settings_title');
document.documentElement.lang = t('locale');
render(<App />, document.getElementById('app')!);
