import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261130232126 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table if not exists "yly_design" ("id" text not null, "name" text not null, "base" text not null, "blocks" jsonb not null, "version" integer not null default 1, "archived_at" timestamptz null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "yly_design_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_yly_design_deleted_at" ON "yly_design" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_yly_design_name_active" ON "yly_design" ("name") WHERE archived_at IS NULL AND deleted_at IS NULL;`);

    this.addSql(`create table if not exists "yly_design_version" ("id" text not null, "design_id" text not null, "version" integer not null, "name" text not null, "base" text not null, "blocks" jsonb not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "yly_design_version_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_yly_design_version_deleted_at" ON "yly_design_version" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_yly_design_version_once" ON "yly_design_version" ("design_id", "version") WHERE deleted_at IS NULL;`);

    this.addSql(`alter table if exists "yly_print_job" add column if not exists "design_id" text null, add column if not exists "design_version" integer null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "yly_design" cascade;`);

    this.addSql(`drop table if exists "yly_design_version" cascade;`);

    this.addSql(`alter table if exists "yly_print_job" drop column if exists "design_id", drop column if exists "design_version";`);
  }

}
