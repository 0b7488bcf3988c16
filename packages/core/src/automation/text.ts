/**
 * Keyword matching ignores case, accents and punctuation: "Préço!" and "preco" are the same word.
 * Letters and digits of every script are kept; everything else separates words.
 */
export function normalizeText(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** The words of a normalized text. */
export function words(normalized: string): string[] {
  return normalized ? normalized.split(" ") : [];
}

/** Whether `phrase` (normalized) occurs in `text` (normalized) on word boundaries. */
export function containsPhrase(text: string, phrase: string): boolean {
  if (text === phrase) return true;
  const at = ` ${text} `.indexOf(` ${phrase} `);
  return at !== -1;
}
