import { STYTCH_LIVE_URL, STYTCH_TEST_URL } from '../config.js';
import { builder } from './builder.js';

const StytchEnvironment = builder.enumType('StytchEnvironment', {
  description: 'Which Stytch the gateway talks to.',
  values: {
    LIVE: { description: "Stytch's live API: real users." },
    TEST: { description: "Stytch's test API: test project, sandbox values work." },
    CUSTOM: {
      description: 'Another base URL: a custom domain, a stand-in, or the embedded emulator.',
    },
  } as const,
});

builder.queryField('stytchEnvironment', (t) =>
  t.field({
    type: StytchEnvironment,
    description:
      'Which Stytch environment the gateway is connected to, so a frontend can warn when it is not LIVE.',
    resolve: (_root, _args, ctx) =>
      ctx.stytch.baseUrl === STYTCH_LIVE_URL
        ? 'LIVE'
        : ctx.stytch.baseUrl === STYTCH_TEST_URL
          ? 'TEST'
          : 'CUSTOM',
  }),
);
