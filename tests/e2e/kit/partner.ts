// Where the partner sites of the embed specs are served (tests/e2e/partner/server.mjs): an
// allowed partner, whose origin the app under test lists in embed.allowed_origins, and an evil
// site that no configuration lists. E2E_PARTNER_PORT and E2E_EVIL_PORT move them.
export const partnerPort = Number(process.env.E2E_PARTNER_PORT ?? 8300);
export const evilPort = Number(process.env.E2E_EVIL_PORT ?? partnerPort + 1);
export const partnerOrigin = `http://127.0.0.1:${partnerPort}`;
export const evilOrigin = `http://127.0.0.1:${evilPort}`;
