/** Every status a print job or part can have; ledger.ts has the moves between them. */
export const PRINT_STATUSES = ["pending", "sending", "waiting", "unknown", "sent", "printed", "failed", "canceled"] as const
export type PrintStatus = (typeof PRINT_STATUSES)[number]

/** Nothing more will happen to a part or job in these states (a late finish push may still settle it printed). */
export const TERMINAL_STATUSES: readonly PrintStatus[] = ["printed", "failed", "canceled"]
