import { z } from 'zod';

// Extension pages forbid eval (MV3 CSP): tell zod not to try its `new Function` fast path, rather than have it
// fail and log a CSP violation before falling back. Imported first by every context that parses with zod.
z.config({ jitless: true });
