export const en = {
  "admin.title": "Administration",
} as const;

export const zh: Record<keyof typeof en, string> = {
  "admin.title": "系统管理",
};
