import type { Scenario } from "../lib/scenario"
import { cloudDown } from "./cloud-down"
import { doubleDelivery } from "./double-delivery"
import { healthy } from "./healthy"
import { printerOffline } from "./printer-offline"
import { pushFlood } from "./push-flood"
import { soak } from "./soak"
import { tokenRevoked } from "./token-revoked"
import { workerKill } from "./worker-kill"

/** In the order they run: each leaves the cluster healthy for the next. */
export const SCENARIOS: Scenario[] = [healthy, workerKill, cloudDown, printerOffline, tokenRevoked, doubleDelivery, pushFlood, soak]
