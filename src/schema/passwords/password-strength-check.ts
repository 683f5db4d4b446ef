import { badUserInput } from '../../errors.js';
import { compact } from '../../stytch/request.js';
import type {
  LUDSRequirements,
  PasswordFeedback,
  PasswordsStrengthCheckResponse,
} from '../../stytch/types.js';
import { builder } from '../builder.js';
import { optionalEmail, requirePassword } from '../common/input-rules.js';
import { envelopeFields } from '../common/payload-fields.js';

const PasswordStrengthCheckInput = builder.inputType('PasswordStrengthCheckInput', {
  description: 'A candidate password, and the address it is for.',
  fields: (t) => ({
    password: t.string({
      required: true,
      description: 'The password to check. Never logged or returned.',
    }),
    email: t.string({
      description:
        "The user's email address. Stytch counts the breach check towards `validPassword` only when it is given.",
    }),
  }),
});

const LudsRequirementsRef = builder.objectRef<LUDSRequirements>('LudsRequirements').implement({
  description:
    'What a password lacks under the LUDS policy (length, and lower case, upper case, digit and symbol classes). Any character outside a-z and A-Z that is not a digit counts as a symbol.',
  fields: (t) => ({
    hasLowerCase: t.exposeBoolean('has_lower_case', {
      description: 'The password has a lower-case letter.',
    }),
    hasUpperCase: t.exposeBoolean('has_upper_case', {
      description: 'The password has an upper-case letter.',
    }),
    hasDigit: t.exposeBoolean('has_digit', { description: 'The password has a digit.' }),
    hasSymbol: t.exposeBoolean('has_symbol', { description: 'The password has a symbol.' }),
    missingComplexity: t.exposeInt('missing_complexity', {
      description: 'How many more character classes the policy requires.',
    }),
    missingCharacters: t.exposeInt('missing_characters', {
      description: 'How many more characters the policy requires.',
    }),
  }),
});

const PasswordFeedbackRef = builder.objectRef<PasswordFeedback>('PasswordFeedback').implement({
  description: 'Advice to show the user while they choose a password.',
  fields: (t) => ({
    warning: t.exposeString('warning', {
      description: 'What is wrong with the password; empty when nothing is.',
    }),
    suggestions: t.exposeStringList('suggestions', {
      description: 'How to make it stronger.',
    }),
    ludsRequirements: t.expose('luds_requirements', {
      type: LudsRequirementsRef,
      nullable: true,
      description: 'What the password lacks under the LUDS policy; null under zxcvbn.',
    }),
  }),
});

const PasswordStrengthCheckPayload = builder
  .objectRef<PasswordsStrengthCheckResponse>('PasswordStrengthCheckPayload')
  .implement({
    description: "Whether Stytch would accept the password under the project's policy, and why.",
    fields: (t) => ({
      ...envelopeFields(t),
      validPassword: t.exposeBoolean('valid_password', {
        description: '`createPassword` and the reset operations would accept this password.',
      }),
      score: t.exposeInt('score', {
        description:
          "Stytch's strength score; under zxcvbn, 0 (weakest) to 4, and the default policy accepts 3 and up.",
      }),
      breachedPassword: t.exposeBoolean('breached_password', {
        description:
          'The password appears in a known data breach. Always false when `breachDetectionOnCreate` is.',
      }),
      strengthPolicy: t.exposeString('strength_policy', {
        description: "The project's policy: `zxcvbn` or `luds` (Stytch may add others).",
      }),
      breachDetectionOnCreate: t.exposeBoolean('breach_detection_on_create', {
        description: 'Whether the project checks new passwords against known breaches.',
      }),
      feedback: t.expose('feedback', {
        type: PasswordFeedbackRef,
        nullable: true,
        description: 'Advice for the user; null when Stytch gives none.',
      }),
    }),
  });

builder.queryField('passwordStrengthCheck', (t) =>
  t.field({
    type: PasswordStrengthCheckPayload,
    nullable: true,
    description:
      "Checks a candidate password against the project's strength policy without changing anything (Stytch `POST /v1/passwords/strength_check`). Send it with POST: over GET the password would sit in the URL, and the gateway refuses it. Counts against the caller's per-IP limit, so debounce it while the user types.",
    args: { input: t.arg({ type: PasswordStrengthCheckInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      if (ctx.httpMethod === 'GET') {
        throw badUserInput(
          'passwordStrengthCheck must be sent with POST: in a GET request the password is in the URL, where logs and browser history keep it.',
          'password',
        );
      }
      const request = compact({
        password: requirePassword(input.password, 'password'),
        email: optionalEmail(input.email, 'email'),
      });
      await ctx.countAuthAttempt('passwordStrengthCheck', null);
      return ctx.stytch.passwords.strengthCheck(request);
    },
  }),
);
