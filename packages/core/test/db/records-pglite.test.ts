import { openTestDatabase, testRecords } from "../../src/testing/index.js";

testRecords({ name: "PGlite in memory", open: () => openTestDatabase() });
