import { recentRunsKept } from "../ticket-state.ts";
import type { RunMark, TicketKind, TicketState } from "../ticket-state.ts";

/** A ticket's state after its failure was seen again in the run `mark` stands for. */
export function seenAgain(state: TicketState, mark: RunMark): TicketState {
  return {
    ...state,
    occurrences: state.occurrences + 1,
    lastSeen: mark.at,
    passStreak: 0,
    recent: [mark, ...state.recent].slice(0, recentRunsKept),
  };
}

/** The state a new ticket starts with. */
export function newState(options: {
  kind: TicketKind;
  fingerprint: string;
  testKey?: string;
  mark: RunMark;
  occurrences: number;
}): TicketState {
  return {
    v: 1,
    kind: options.kind,
    fingerprint: options.fingerprint,
    ...(options.testKey ? { testKey: options.testKey } : {}),
    occurrences: options.occurrences,
    firstSeen: options.mark.at,
    lastSeen: options.mark.at,
    passStreak: 0,
    recent: [options.mark],
  };
}
