import {
  createEmulatorState,
  type Emulator,
  type RequestLog,
  serveEmulator,
} from '../../src/emulator/index.js';
import type { State } from '../../src/emulator/state.js';

/**
 * The embedded emulator with its state in the test's hands: a security test can sign a JWT with
 * the very key the gateway trusts, which `startEmulator` keeps private.
 */
export async function startEmulatorWithState(
  options: { onRequest?: (log: RequestLog) => void } = {},
): Promise<Emulator & { state: State }> {
  const state = await createEmulatorState();
  return { ...(await serveEmulator(state, options)), state };
}
