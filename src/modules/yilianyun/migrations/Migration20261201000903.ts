import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261201000903 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "yly_route_check" drop constraint if exists "yly_route_check_order_id_trigger_source_unique";`);
    this.addSql(`create table if not exists "yly_route_check" ("id" text not null, "order_id" text not null, "trigger" text not null, "source" text not null default '', "printer_ids" jsonb not null, "attempts" integer not null default 0, "last_error" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "yly_route_check_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_yly_route_check_deleted_at" ON "yly_route_check" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_yly_route_check_order_id_trigger_source_unique" ON "yly_route_check" ("order_id", "trigger", "source") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "yly_route_check" cascade;`);
  }

}
