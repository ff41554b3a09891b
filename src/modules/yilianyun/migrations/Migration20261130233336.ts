import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261130233336 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "yly_order_state" drop constraint if exists "yly_order_state_order_id_unique";`);
    this.addSql(`create table if not exists "yly_order_state" ("id" text not null, "order_id" text not null, "pickup_number" integer null, "pickup_day" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "yly_order_state_pkey" primary key ("id"));`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_yly_order_state_order_id_unique" ON "yly_order_state" ("order_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_yly_order_state_deleted_at" ON "yly_order_state" ("deleted_at") WHERE deleted_at IS NULL;`);

    this.addSql(`alter table if exists "yly_print_job" drop constraint if exists "yly_print_job_status_check";`);

    this.addSql(`alter table if exists "yly_print_part" drop constraint if exists "yly_print_part_status_check";`);

    this.addSql(`alter table if exists "yly_printer" add column if not exists "status_push_time" integer null;`);

    this.addSql(`alter table if exists "yly_print_job" add column if not exists "replaced_by" text null, add column if not exists "claim_id" text null, add column if not exists "lease_until" timestamptz null, add column if not exists "cancel_requested_at" timestamptz null, add column if not exists "cancel_reason" text null, add column if not exists "asks_decision" boolean not null default false, add column if not exists "decision" text check ("decision" in ('accepted', 'rejected')) null, add column if not exists "decided_at" timestamptz null, add column if not exists "decision_note" text null;`);
    this.addSql(`alter table if exists "yly_print_job" add constraint "yly_print_job_status_check" check("status" in ('pending', 'sending', 'waiting', 'unknown', 'sent', 'printed', 'failed', 'canceled'));`);

    this.addSql(`alter table if exists "yly_print_part" add column if not exists "attempts" integer not null default 0, add column if not exists "first_attempt_at" timestamptz null, add column if not exists "last_attempt_at" timestamptz null;`);
    this.addSql(`alter table if exists "yly_print_part" add constraint "yly_print_part_status_check" check("status" in ('pending', 'sending', 'waiting', 'unknown', 'sent', 'printed', 'failed', 'canceled'));`);

    // ---- rows in flight (the print ledger, CHANGELOG 0.2.0) ----
    // A pending job that was attempted before: if it only waited (no token, spent budget, not
    // configured) nothing reached the cloud; otherwise the last attempt's outcome is unknown and
    // the cloud's dedupe window counts from its first attempt.
    this.addSql(`update "yly_print_part" p set "status" = case when j."last_error_code" in ('token_budget', 'not_configured') then 'waiting' else 'unknown' end,
      "first_attempt_at" = case when j."last_error_code" in ('token_budget', 'not_configured') then null else j."first_attempt_at" end,
      "last_attempt_at" = j."updated_at", "attempts" = j."attempts"
      from "yly_print_job" j where p."job_id" = j."id" and p."status" = 'pending' and j."status" = 'pending' and j."attempts" > 0;`);
    this.addSql(`update "yly_print_job" j set "status" = case when j."last_error_code" in ('token_budget', 'not_configured') then 'waiting' else 'unknown' end
      where j."status" = 'pending' and j."attempts" > 0;`);
    // first_attempt_at used to be set at creation; it now means the first attempt that may have
    // reached the cloud, so jobs never attempted have none.
    this.addSql(`update "yly_print_job" set "first_attempt_at" = null where "status" = 'pending' and "attempts" = 0;`);
    // Decisions and pickup numbers lived only in order metadata; they are data of the plugin now.
    this.addSql(`do $$ begin
      if exists (select 1 from information_schema.tables where table_schema = current_schema() and table_name = 'order') then
        insert into "yly_order_state" ("id", "order_id", "pickup_number", "pickup_day")
          select 'ylyord_' || md5(o."id" || random()::text), o."id", (o."metadata"->'yilianyun'->>'pickup_number')::int, null
            from "order" o where o."metadata"->'yilianyun'->>'pickup_number' ~ '^[0-9]+$'
          on conflict do nothing;
        update "yly_print_job" j set "asks_decision" = true, "decision" = o."metadata"->'yilianyun'->>'decision',
               "decided_at" = coalesce((o."metadata"->'yilianyun'->>'decided_at')::timestamptz, now()),
               "decision_note" = o."metadata"->'yilianyun'->>'decision_note'
          from "order" o
         where o."id" = j."order_id" and o."metadata"->'yilianyun'->>'decision' in ('accepted', 'rejected')
           and j."id" = (select j2."id" from "yly_print_job" j2 where j2."order_id" = o."id" and j2."reprint_of" is null
                          and j2."trigger" in ('order.placed', 'payment.captured') order by j2."created_at" limit 1);
      end if;
    end $$;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_yly_print_job_status_next_attempt_at" ON "yly_print_job" ("status", "next_attempt_at") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`DROP INDEX IF EXISTS "IDX_yly_print_job_status_next_attempt_at";`);
    // back to the five statuses: what was waiting, sending or unknown is pending again
    this.addSql(`update "yly_print_part" set "status" = 'pending' where "status" in ('sending', 'waiting', 'unknown');`);
    this.addSql(`update "yly_print_job" set "status" = 'pending' where "status" in ('sending', 'waiting', 'unknown');`);
    this.addSql(`drop table if exists "yly_order_state" cascade;`);

    this.addSql(`alter table if exists "yly_print_job" drop constraint if exists "yly_print_job_status_check";`);

    this.addSql(`alter table if exists "yly_print_part" drop constraint if exists "yly_print_part_status_check";`);

    this.addSql(`alter table if exists "yly_printer" drop column if exists "status_push_time";`);

    this.addSql(`alter table if exists "yly_print_job" drop column if exists "replaced_by", drop column if exists "claim_id", drop column if exists "lease_until", drop column if exists "cancel_requested_at", drop column if exists "cancel_reason", drop column if exists "asks_decision", drop column if exists "decision", drop column if exists "decided_at", drop column if exists "decision_note";`);

    this.addSql(`alter table if exists "yly_print_job" add constraint "yly_print_job_status_check" check("status" in ('pending', 'sent', 'printed', 'failed', 'canceled'));`);

    this.addSql(`alter table if exists "yly_print_part" drop column if exists "attempts", drop column if exists "first_attempt_at", drop column if exists "last_attempt_at";`);

    this.addSql(`alter table if exists "yly_print_part" add constraint "yly_print_part_status_check" check("status" in ('pending', 'sent', 'printed', 'failed', 'canceled'));`);
  }

}
