import { randomBytes } from "node:crypto"
import { CLOUD_CODES, CloudError } from "./codes"
import { ACCESS_TOKEN_EXPIRES_IN_SEC, DEDUPE_WINDOW_MS, REFRESH_TOKEN_EXPIRES_IN_SEC } from "./defaults"
import type { TokensInfo } from "./types"

/**
 * "20 fetches per day" as a rolling window: a fetch counts until windowMs after it happened,
 * so the 21st fetch within any 24 h is refused (reference §2.2, §7).
 */
export class RollingQuota {
  private fetchTimes: number[] = []

  constructor(readonly limit: number, readonly windowMs: number) {}

  used(nowMs: number): number {
    this.prune(nowMs)
    return this.fetchTimes.length
  }

  /** Records a fetch if the window has room; false when the quota is spent. */
  tryTake(nowMs: number): boolean {
    if (this.used(nowMs) >= this.limit) return false
    this.fetchTimes.push(nowMs)
    return true
  }

  /** When the oldest counted fetch leaves the window, or null when nothing is counted. */
  nextSlotAt(nowMs: number): number | null {
    this.prune(nowMs)
    return this.fetchTimes.length ? this.fetchTimes[0] + this.windowMs : null
  }

  reset(): void {
    this.fetchTimes = []
  }

  private prune(nowMs: number): void {
    // A clock moved backwards (offset reset) keeps fetches "in the future" counted, as it should.
    this.fetchTimes = this.fetchTimes.filter((at) => at > nowMs - this.windowMs)
  }
}

export interface TokenIssuance {
  seq: number
  accessToken: string
  refreshToken: string
  issuedAtMs: number
  refreshExpiresAtMs: number
}

export type TokenCheck = "valid" | "malformed" | "invalid"

const TOKEN_SHAPE = /^[0-9a-f]{32}$/i
const MAX_REMEMBERED_REFRESHES = 50

/** The one access token of a self-owned app: a new fetch revokes the previous token at once. */
export class TokenBook {
  private current: TokenIssuance | null = null
  private seq = 0
  private revokedCount = 0
  /** Refresh tokens already used → what they produced, so a lost answer can be fetched again. */
  private usedRefreshTokens = new Map<string, { successor: TokenIssuance; usedAtMs: number }>()

  constructor(
    private readonly clientId: string,
    private readonly quota: RollingQuota,
    private readonly makeToken: () => string = () => randomBytes(16).toString("hex")
  ) {}

  /** grant_type=client_credentials */
  fetch(nowMs: number): TokenIssuance {
    if (!this.quota.tryTake(nowMs)) throw new CloudError(CLOUD_CODES.TOKEN_QUOTA_EXCEEDED)
    return this.issue(nowMs)
  }

  /** grant_type=refresh_token; counts toward the same quota (reference §2.2). */
  refresh(refreshToken: string, nowMs: number): TokenIssuance {
    const used = this.usedRefreshTokens.get(refreshToken)
    // Retrying a refresh whose answer was lost returns the same result within 2 h (reference §2.3).
    if (used && used.successor === this.current && nowMs - used.usedAtMs <= DEDUPE_WINDOW_MS) {
      return used.successor
    }
    const current = this.current
    if (!current || current.refreshToken !== refreshToken || nowMs > current.refreshExpiresAtMs) {
      throw new CloudError(CLOUD_CODES.REFRESH_TOKEN_EXPIRED)
    }
    if (!this.quota.tryTake(nowMs)) throw new CloudError(CLOUD_CODES.TOKEN_QUOTA_EXCEEDED)
    const successor = this.issue(nowMs)
    this.usedRefreshTokens.set(refreshToken, { successor, usedAtMs: nowMs })
    if (this.usedRefreshTokens.size > MAX_REMEMBERED_REFRESHES) {
      const oldest = this.usedRefreshTokens.keys().next().value
      if (oldest !== undefined) this.usedRefreshTokens.delete(oldest)
    }
    return successor
  }

  check(accessToken: string): TokenCheck {
    if (!TOKEN_SHAPE.test(accessToken)) return "malformed"
    return this.current && this.current.accessToken === accessToken ? "valid" : "invalid"
  }

  /** Control API: as if another process fetched a token (the current one dies, no quota used). */
  revokeCurrent(): void {
    if (this.current) this.revokedCount++
    this.current = null
  }

  info(nowMs: number): TokensInfo {
    const used = this.quota.used(nowMs)
    return {
      clientId: this.clientId,
      quota: this.quota.limit,
      fetchesInWindow: used,
      remaining: Math.max(0, this.quota.limit - used),
      nextSlotAt: this.quota.nextSlotAt(nowMs),
      currentTokenId: this.current ? `token-${this.current.seq}` : null,
      issuedAt: this.current ? this.current.issuedAtMs : null,
      revokedCount: this.revokedCount,
    }
  }

  reset(): void {
    this.current = null
    this.seq = 0
    this.revokedCount = 0
    this.usedRefreshTokens.clear()
    this.quota.reset()
  }

  private issue(nowMs: number): TokenIssuance {
    if (this.current) this.revokedCount++
    this.current = {
      seq: ++this.seq,
      accessToken: this.makeToken(),
      refreshToken: this.makeToken(),
      issuedAtMs: nowMs,
      refreshExpiresAtMs: nowMs + REFRESH_TOKEN_EXPIRES_IN_SEC * 1000,
    }
    return this.current
  }
}

/** The `body` of a successful oauth/oauth answer, shaped like the v2 example (reference §2.2). */
export function tokenBody(clientId: string, issued: TokenIssuance): Record<string, unknown> {
  return {
    client_id: clientId,
    access_token: issued.accessToken,
    refresh_token: issued.refreshToken,
    machine_code: "",
    expires_in: ACCESS_TOKEN_EXPIRES_IN_SEC,
    refresh_expires_in: REFRESH_TOKEN_EXPIRES_IN_SEC,
    scope: "all",
  }
}
