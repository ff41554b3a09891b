import { StatusBadge } from "@medusajs/ui"
import { useTranslation } from "react-i18next"
import type { JobStatus, OrderSummary, PrinterStatus } from "../lib/api"

const PRINTER_COLOR: Record<PrinterStatus, "green" | "red" | "orange" | "grey"> = {
  online: "green",
  offline: "red",
  paper_out: "orange",
  unknown: "grey",
}

export function PrinterStatusBadge({ status }: { status: PrinterStatus }) {
  const { t } = useTranslation()
  return (
    <StatusBadge color={PRINTER_COLOR[status] ?? "grey"} data-printer-status={status}>
      {t(`yilianyun.printerStatus.${status}`)}
    </StatusBadge>
  )
}

const JOB_COLOR: Record<JobStatus | OrderSummary["status"], "green" | "red" | "orange" | "grey" | "blue"> = {
  pending: "orange",
  queued: "orange",
  sending: "blue",
  waiting: "orange",
  unknown: "orange",
  sent: "blue",
  printed: "green",
  failed: "red",
  canceled: "grey",
}

export function JobStatusBadge({ status }: { status: JobStatus | OrderSummary["status"] }) {
  const { t } = useTranslation()
  return (
    <StatusBadge color={JOB_COLOR[status] ?? "grey"} data-job-status={status}>
      {t(`yilianyun.jobStatus.${status}`, { defaultValue: status })}
    </StatusBadge>
  )
}
