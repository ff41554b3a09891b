import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261128131312 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "yly_push_event" drop constraint if exists "yly_push_event_dedupe_key_unique";`);
    this.addSql(`alter table if exists "yly_print_part" drop constraint if exists "yly_print_part_origin_id_unique";`);
    this.addSql(`alter table if exists "yly_printer" drop constraint if exists "yly_printer_machine_code_unique";`);
    this.addSql(`alter table if exists "yly_pickup_counter" drop constraint if exists "yly_pickup_counter_day_unique";`);
    this.addSql(`alter table if exists "yly_credential" drop constraint if exists "yly_credential_client_id_unique";`);
    this.addSql(`create table if not exists "yly_credential" ("id" text not null, "client_id" text not null, "access_token" text not null, "refresh_token" text null, "obtained_at" timestamptz not null, "push_url" text null, "push_url_registered_at" timestamptz null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "yly_credential_pkey" primary key ("id"));`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_yly_credential_client_id_unique" ON "yly_credential" ("client_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_yly_credential_deleted_at" ON "yly_credential" ("deleted_at") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "yly_pickup_counter" ("id" text not null, "day" text not null, "value" integer not null default 0, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "yly_pickup_counter_pkey" primary key ("id"));`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_yly_pickup_counter_day_unique" ON "yly_pickup_counter" ("day") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_yly_pickup_counter_deleted_at" ON "yly_pickup_counter" ("deleted_at") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "yly_printer" ("id" text not null, "machine_code" text not null, "name" text not null, "model" text not null default 'K4', "paper_width" integer not null default 58, "columns" integer null, "mode" text check ("mode" in ('auto', 'confirm')) not null default 'auto', "copies" integer not null default 1, "templates" jsonb not null, "enabled" boolean not null default true, "sales_channel_id" text null, "stock_location_id" text null, "product_type_ids" jsonb null, "category_ids" jsonb null, "receipt_settings" jsonb null, "status" text check ("status" in ('unknown', 'online', 'offline', 'paper_out')) not null default 'unknown', "status_at" timestamptz null, "bound_at" timestamptz not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "yly_printer_pkey" primary key ("id"));`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_yly_printer_machine_code_unique" ON "yly_printer" ("machine_code") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_yly_printer_deleted_at" ON "yly_printer" ("deleted_at") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "yly_print_job" ("id" text not null, "order_id" text not null, "trigger" text not null, "template" text not null, "source" text not null default '', "status" text check ("status" in ('pending', 'sent', 'printed', 'failed', 'canceled')) not null default 'pending', "attempts" integer not null default 0, "first_attempt_at" timestamptz null, "next_attempt_at" timestamptz null, "last_error" text null, "last_error_code" text null, "sent_at" timestamptz null, "printed_at" timestamptz null, "canceled_at" timestamptz null, "reprint_of" text null, "requested_by" text not null default 'event', "printer_id" text not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "yly_print_job_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_yly_print_job_printer_id" ON "yly_print_job" ("printer_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_yly_print_job_deleted_at" ON "yly_print_job" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_yly_print_job_once" ON "yly_print_job" ("order_id", "printer_id", "trigger", "template", "source") WHERE reprint_of IS NULL AND deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_yly_print_job_order_id" ON "yly_print_job" ("order_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_yly_print_job_status" ON "yly_print_job" ("status") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "yly_print_part" ("id" text not null, "part_number" integer not null, "part_count" integer not null, "origin_id" text not null, "content" text not null, "print_id" text null, "status" text check ("status" in ('pending', 'sent', 'printed', 'failed', 'canceled')) not null default 'pending', "sent_at" timestamptz null, "printed_at" timestamptz null, "last_checked_at" timestamptz null, "last_error" text null, "job_id" text not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "yly_print_part_pkey" primary key ("id"));`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_yly_print_part_origin_id_unique" ON "yly_print_part" ("origin_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_yly_print_part_job_id" ON "yly_print_part" ("job_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_yly_print_part_deleted_at" ON "yly_print_part" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_yly_print_part_print_id" ON "yly_print_part" ("print_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_yly_print_part_status" ON "yly_print_part" ("status") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "yly_push_event" ("id" text not null, "dedupe_key" text not null, "cmd" text not null, "machine_code" text null, "order_id" text null, "state" text null, "push_time" integer not null, "payload" jsonb not null, "applied_at" timestamptz null, "outcome" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "yly_push_event_pkey" primary key ("id"));`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_yly_push_event_dedupe_key_unique" ON "yly_push_event" ("dedupe_key") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_yly_push_event_deleted_at" ON "yly_push_event" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_yly_push_event_created_at" ON "yly_push_event" ("created_at") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "yly_token_fetch" ("id" text not null, "client_id" text not null, "fetched_at" timestamptz not null, "reason" text not null, "succeeded" boolean not null, "error_code" integer null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "yly_token_fetch_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_yly_token_fetch_deleted_at" ON "yly_token_fetch" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_yly_token_fetch_client_id_fetched_at" ON "yly_token_fetch" ("client_id", "fetched_at") WHERE deleted_at IS NULL;`);

    this.addSql(`alter table if exists "yly_print_job" add constraint "yly_print_job_printer_id_foreign" foreign key ("printer_id") references "yly_printer" ("id") on update cascade;`);

    this.addSql(`alter table if exists "yly_print_part" add constraint "yly_print_part_job_id_foreign" foreign key ("job_id") references "yly_print_job" ("id") on update cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "yly_print_job" drop constraint if exists "yly_print_job_printer_id_foreign";`);

    this.addSql(`alter table if exists "yly_print_part" drop constraint if exists "yly_print_part_job_id_foreign";`);

    this.addSql(`drop table if exists "yly_credential" cascade;`);

    this.addSql(`drop table if exists "yly_pickup_counter" cascade;`);

    this.addSql(`drop table if exists "yly_printer" cascade;`);

    this.addSql(`drop table if exists "yly_print_job" cascade;`);

    this.addSql(`drop table if exists "yly_print_part" cascade;`);

    this.addSql(`drop table if exists "yly_push_event" cascade;`);

    this.addSql(`drop table if exists "yly_token_fetch" cascade;`);
  }

}
