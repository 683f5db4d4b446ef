import { createRequire } from 'node:module';
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import breached from './data/breached-passwords.json' with { type: 'json' };
import { ApiError } from './errors.js';

/**
 * Stytch's default password policy: zxcvbn, valid at a score of 3 or more, plus a breach check
 * (HaveIBeenPwned in Stytch; a shipped list of common leaked passwords here, see data/).
 */
const MIN_SCORE = 3;

export interface PasswordVerdict {
  valid_password: boolean;
  score: number;
  breached_password: boolean;
  strength_policy: 'zxcvbn';
  breach_detection_on_create: true;
  feedback: { warning: string; suggestions: string[]; luds_requirements: null };
}

type LanguageCommon = typeof import('@zxcvbn-ts/language-common');
type LanguageEn = typeof import('@zxcvbn-ts/language-en');

const require = createRequire(import.meta.url);
let zxcvbn: ZxcvbnFactory | null = null;
let breachedSet: Set<string> | null = null;
let pwnedWarning = '';
let pwnedSuggestion = '';

/**
 * Built on first use: the dictionaries take a few MB and a few hundred milliseconds, which the
 * gateway (which imports the emulator for dev mode) should not pay unless passwords are checked.
 */
function estimator(): ZxcvbnFactory {
  if (!zxcvbn) {
    const common = require('@zxcvbn-ts/language-common') as LanguageCommon;
    const en = require('@zxcvbn-ts/language-en') as LanguageEn;
    zxcvbn = new ZxcvbnFactory({
      dictionary: { ...common.dictionary, ...en.dictionary },
      graphs: common.adjacencyGraphs,
      translations: en.translations,
    });
    pwnedWarning = en.translations.warnings.pwned;
    pwnedSuggestion = en.translations.suggestions.pwned;
  }
  return zxcvbn;
}

function isBreached(password: string): boolean {
  breachedSet ??= new Set(breached.passwords);
  return breachedSet.has(password);
}

/**
 * The verdict strength_check returns. The email (and its local part) count as words an attacker
 * would try first. As Stytch documents, the breach check decides `valid_password` only when an
 * email is given; `breached_password` is reported either way.
 */
export function passwordVerdict(password: string, email?: string): PasswordVerdict {
  const userInputs = email ? [email, email.split('@')[0] ?? ''] : [];
  const result = estimator().check(password, userInputs);
  const isPwned = isBreached(password);
  const suggestions = [...result.feedback.suggestions];
  let warning = result.feedback.warning ?? '';
  if (isPwned) {
    warning ||= pwnedWarning;
    suggestions.push(pwnedSuggestion);
  }
  return {
    valid_password: result.score >= MIN_SCORE && !(isPwned && email !== undefined),
    score: result.score,
    breached_password: isPwned,
    strength_policy: 'zxcvbn',
    breach_detection_on_create: true,
    feedback: { warning, suggestions, luds_requirements: null },
  };
}

/**
 * Every endpoint that sets a password applies the policy: too weak is `weak_password`; strong
 * enough but leaked is `breached_password` (the strength verdict is checked first).
 */
export function requireAcceptablePassword(password: string, email?: string): void {
  const verdict = passwordVerdict(password, email);
  if (verdict.score < MIN_SCORE) {
    throw new ApiError('weak_password');
  }
  if (verdict.breached_password) {
    throw new ApiError('breached_password');
  }
}
