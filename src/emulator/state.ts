import type { Clock } from './clock.js';
import type { KeyRing } from './jwt.js';
import type { Store } from './store.js';

/** What every route and admin operation works on; one per running emulator. */
export interface State {
  store: Store;
  clock: Clock;
  keys: KeyRing;
  projectId: string;
  secret: string;
  /** Stands in for the Dashboard's default redirect URL, used by sends that name none. */
  defaultRedirectUrl: string;
}
