import { openTestDatabase, postgresAvailable, testRecords, TEST_POSTGRES_URL } from "../../src/testing/index.js";

// Required in CI (`postgresAvailable` throws there); skipped with a message elsewhere when absent.
testRecords({
  name: "PostgreSQL",
  available: () => postgresAvailable(),
  open: () => openTestDatabase(TEST_POSTGRES_URL),
});
