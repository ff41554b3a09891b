// Defaults a simulator starts with when the caller gives none. Exported so tests and the demo can
// configure the plugin for a simulator started elsewhere (e.g. by `yilianyun-simulator`).

/** App id the simulator accepts by default (10 digits, like real self-owned app ids). */
export const DEFAULT_CLIENT_ID = "1000000001"
/** App secret the simulator accepts by default (a fixed, obviously fake 32-hex string). */
export const DEFAULT_CLIENT_SECRET = "51a1a70551a1a70551a1a70551a1a705"

export const DEFAULT_HOST = "127.0.0.1"
export const DEFAULT_PUSH_TIMEOUT_MS = 3000
export const DEFAULT_PUSH_RETRY_INTERVAL_MS = 200
export const DEFAULT_FINISH_DELAY_MS = 200
export const DEFAULT_TOKEN_QUOTA = 20
/** A call told to time out is held at most this long, then its socket is destroyed. */
export const DEFAULT_HANG_CAP_MS = 60_000

/** Request timestamps further than this from the simulator's real clock are refused (code 34). */
export const TIMESTAMP_TOLERANCE_SEC = 10 * 60
export const TOKEN_QUOTA_WINDOW_MS = 24 * 60 * 60 * 1000
export const DEDUPE_WINDOW_MS = 2 * 60 * 60 * 1000
export const ACCESS_TOKEN_EXPIRES_IN_SEC = 2_592_000
export const REFRESH_TOKEN_EXPIRES_IN_SEC = 3_024_000
/** printer/getversion `hardware` of a device created without one (the v2 example's value). */
export const DEFAULT_FIRMWARE = "a7"

export const DEFAULT_MODEL = "K4"
export const DEFAULT_PAPER_WIDTH = 58

// Memory bounds: the simulator runs for hours in a demo; old records are dropped first.
export const MAX_DEVICES = 10_000
export const MAX_PRINTS = 20_000
export const MAX_PAPER_SLIPS_PER_PRINTER = 2_000
export const MAX_PUSH_RECORDS = 2_000
export const MAX_REQUEST_BYTES = 2 * 1024 * 1024
/** Legacy FAQ limit; the simulator holds v2 to it too (reference §3.1). */
export const MAX_CONTENT_CHARS = 32_767
