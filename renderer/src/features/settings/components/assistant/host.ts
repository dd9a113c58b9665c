/** The host:port of a typed URL, as people recognise a server; the text itself when it is not a URL yet. */
export const hostOf = (url: string): string => {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
};
