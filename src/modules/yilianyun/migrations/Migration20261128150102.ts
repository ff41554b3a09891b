import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261128150102 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "yly_credential" add column if not exists "push_url_api" text null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "yly_credential" drop column if exists "push_url_api";`);
  }

}
