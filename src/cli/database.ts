import { seedQuestionBank } from "../commands/conversations.js";
import { databaseSetting, migrateToLatest, openDatabase, type Database } from "../store/database.js";

/** Opens the configured database and brings it to the latest schema with the starter questions. */
export async function openReadyDatabase(setting: string | undefined): Promise<Database> {
  const database = openDatabase(setting ?? databaseSetting());
  await migrateToLatest(database);
  await seedQuestionBank(database, new Date());
  return database;
}
