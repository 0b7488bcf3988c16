import { expect } from "vitest";
import type { SuiteContext } from "./directory-steps.js";

/** #22: the official platform's templates — submitted (PENDING), listed from the platform, deleted. */
export function templateSteps({ wa, profile, has, step }: SuiteContext): void {
  step(
    "templates.manage: submits a template for review, lists it from the platform, and deletes it",
    async () => {
      const name = `conformance_${Date.now()}`;
      const created = await wa().businessTemplates.create(profile, {
        name,
        language: "en_US",
        category: "UTILITY",
        body: "Your order {{1}} ships on {{2}}.",
        examples: ["#1042", "Monday"],
      });
      expect(created).toMatchObject({ name, language: "en_US", status: "PENDING" });
      expect((await wa().businessTemplates.list(profile)).find((t) => t.name === name)).toMatchObject({
        id: created.id,
        status: "PENDING",
      });
      await wa().businessTemplates.remove(profile, name);
      expect((await wa().businessTemplates.list(profile)).map((t) => t.name)).not.toContain(name);
    },
    () => has("templates.manage"),
  );
}
