import { pageReportInPage } from '@/lib/settings/picker/in-page';

/** The page report of a checkout tab, injected on demand; its result is the report's text. */
export default defineUnlistedScript(() => pageReportInPage());
