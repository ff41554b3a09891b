import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261201001138 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "yly_push_refusal" drop constraint if exists "yly_push_refusal_reason_unique";`);
    this.addSql(`create table if not exists "yly_push_refusal" ("id" text not null, "reason" text not null, "count" integer not null default 0, "last_at" timestamptz not null, "last_cmd" text null, "last_machine_code" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "yly_push_refusal_pkey" primary key ("id"));`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_yly_push_refusal_reason_unique" ON "yly_push_refusal" ("reason") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_yly_push_refusal_deleted_at" ON "yly_push_refusal" ("deleted_at") WHERE deleted_at IS NULL;`);

    this.addSql(`alter table if exists "yly_credential" add column if not exists "push_url_commands" jsonb null, add column if not exists "clock_offset_ms" integer null, add column if not exists "clock_offset_at" timestamptz null;`);

    this.addSql(`alter table if exists "yly_printer" add column if not exists "firmware" text null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "yly_push_refusal" cascade;`);

    this.addSql(`alter table if exists "yly_credential" drop column if exists "push_url_commands", drop column if exists "clock_offset_ms", drop column if exists "clock_offset_at";`);

    this.addSql(`alter table if exists "yly_printer" drop column if exists "firmware";`);
  }

}
