/** Types for the tests that generate a planning folder with bench/generate.mjs. */
export function generateFolder(
  dir: string,
  scale?: number,
  options?: { largeList?: number },
): { dir: string; files: string[]; bytes: number };
