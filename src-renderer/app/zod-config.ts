import { z } from 'zod';

// The workspace runs under a CSP without 'unsafe-eval': keep zod from probing `new Function` (the probe
// itself is reported as a CSP violation even though zod catches it).
z.config({ jitless: true });
