/**
 * What /readyz reports. Two things take an instance out of a load balancer: it is shutting down
 * (SIGTERM), or Stytch refuses the gateway's own credentials, which no request can fix. A Stytch
 * outage does not: every instance would leave at once, and the circuit breaker already answers
 * fast while it lasts.
 */
export type CredentialsState = 'unverified' | 'accepted' | 'rejected';

export interface ReadinessReport {
  ready: boolean;
  /** Why not, when not ready. */
  reason?: string;
  /** `unverified` until the start-up probe (or any call) gets an answer from Stytch. */
  stytchCredentials: CredentialsState;
}

export function createReadiness() {
  let draining = false;
  let credentials: CredentialsState = 'unverified';
  return {
    get credentials(): CredentialsState {
      return credentials;
    },
    /** Returns the previous state, so callers can log a change once. */
    setCredentials(state: CredentialsState): CredentialsState {
      const previous = credentials;
      credentials = state;
      return previous;
    },
    /** From now on not ready; requests are still served. */
    drain() {
      draining = true;
    },
    report(): ReadinessReport {
      const reason = draining
        ? 'shutting down'
        : credentials === 'rejected'
          ? 'Stytch rejected the gateway credentials'
          : null;
      return reason
        ? { ready: false, reason, stytchCredentials: credentials }
        : { ready: true, stytchCredentials: credentials };
    },
    response(): Response {
      const report = this.report();
      return new Response(JSON.stringify(report), {
        status: report.ready ? 200 : 503,
        headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
      });
    },
  };
}

export type Readiness = ReturnType<typeof createReadiness>;
