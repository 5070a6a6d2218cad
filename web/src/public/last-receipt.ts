// The receipt just received, kept in memory only (never in the URL, which access logs keep)
// so that the look-up page can offer it after a click on "look it up".
let last: string | null = null;

export const lastReceipt = {
  get: (): string | null => last,
  set: (receipt: string): void => {
    last = receipt;
  },
};
