import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261201002104 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "yly_token_fetch" add column if not exists "counted" boolean not null default true, add column if not exists "blocking" text null, add column if not exists "options_fingerprint" text null, add column if not exists "error" text null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "yly_token_fetch" drop column if exists "counted", drop column if exists "blocking", drop column if exists "options_fingerprint", drop column if exists "error";`);
  }

}
