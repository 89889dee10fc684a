import { secureHeaders } from 'hono/secure-headers';

/**
 * Every answer (the SPA, /api/docs, the API): same-origin only. What the app needs beyond
 * 'self': inline styles (React style props, echarts, MapLibre, Swagger UI), data:/blob: images
 * (MapLibre sprites, canvas exports), data:/blob: fetches (deck.gl's icon atlas) and blob: workers
 * (MapLibre, deck.gl loaders); none of these reaches another host. HSTS is the
 * TLS proxy's business, not ours.
 */
export const securityHeaders = () =>
  secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:', 'blob:'],
      fontSrc: ["'self'", 'data:'],
      // deck.gl fetches its icon atlas from a data: URL.
      connectSrc: ["'self'", 'data:', 'blob:'],
      workerSrc: ["'self'", 'blob:'],
      childSrc: ["'self'", 'blob:'],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
    xFrameOptions: 'DENY',
    xContentTypeOptions: 'nosniff',
    strictTransportSecurity: false,
    referrerPolicy: 'same-origin',
  });
