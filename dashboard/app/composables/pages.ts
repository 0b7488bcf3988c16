/**
 * Every item of a keyset-paged list (rules, flows: `nextCursor` → `after`), page by page, so the
 * dashboard shows a workspace's whole list without asking the gateway for it in one response.
 */
export async function loadAllPages<T>(
  page: (after: string | undefined) => Promise<{ items: T[]; nextCursor?: string }>,
): Promise<T[]> {
  const all: T[] = [];
  let after: string | undefined;
  do {
    const { items, nextCursor } = await page(after);
    all.push(...items);
    after = nextCursor;
  } while (after);
  return all;
}

/** Page size for lists the dashboard reads whole. */
export const LIST_PAGE = 200;
