/** A number as planning documents write it, thousands separated by commas: "1,171" is 1171. */
export function groupedNumber(text: string): number {
  return Number(text.replace(/,/gu, ''));
}
