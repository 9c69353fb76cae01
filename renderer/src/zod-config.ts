import { z } from 'zod'

// zod compiles object schemas with `new Function` unless told not to; the
// renderer's Content-Security-Policy forbids eval (script-src without
// 'unsafe-eval'), so every such attempt was a CSP violation before zod fell back.
z.config({ jitless: true })
