import { startPickerInPage } from '@/lib/settings/picker/in-page';

/** The element picker, injected into a checkout tab on demand (lib/settings/picker/background.ts). */
export default defineUnlistedScript(() => {
  void startPickerInPage().catch((error: unknown) => console.error('PO Assist: the picker failed to start', error));
});
