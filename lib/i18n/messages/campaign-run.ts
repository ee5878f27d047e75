// Strings of one area; see lib/i18n/translate.ts.
export const en = {
};

export const zh: Record<keyof typeof en, string> = {
};
