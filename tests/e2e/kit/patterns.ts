// Regular expressions built from text that is matched as it is (titles, URLs, messages).

/** `text` matched literally in a regular expression. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
