/**
 * Medusa events this plugin emits, so a store can react (notify the customer, say).
 * Subscribe with `export const config = { event: YilianyunEvents.PRINT_FINISHED }`.
 */
export const YilianyunEvents = {
  /** a print finished on paper: { order_id, job_id, print_id, machine_code, template } */
  PRINT_FINISHED: "yilianyun.print_finished",
  /** the merchant accepted the order on the device: { order_id, machine_code, print_id, decided_at } */
  ORDER_ACCEPTED: "yilianyun.order_accepted",
  /** the merchant rejected the order on the device: { order_id, machine_code, print_id, decided_at } */
  ORDER_REJECTED: "yilianyun.order_rejected",
  /** a printer went online / offline / out of paper: { printer_id, machine_code, status, previous, waiting_jobs } */
  PRINTER_STATUS_CHANGED: "yilianyun.printer_status_changed",
  /** a key on the device was pressed (K2S): { machine_code, state } */
  BUTTON_PRESSED: "yilianyun.button_pressed",
  /** a print job failed for good: { order_id, job_id, printer_id, reason } */
  PRINT_FAILED: "yilianyun.print_failed",
} as const
